package io.backtest.audit.mapping;

import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One sentence per event saying what was decided or observed, for people reading the log. */
public final class EventSummaries {
  private EventSummaries() {}

  /** The summary of a known event's payload. */
  public static String of(Object payload) {
    return switch (payload) {
      case CycleStarted e ->
          "Cycle %s started: %s on %s (seed %d), %s"
              .formatted(
                  e.cycleId(),
                  candidates(e.candidates(), e.templates()),
                  dataset(e.dataset()),
                  e.seed(),
                  e.walkForward() == null ? "without walk-forward" : walkForward(e.walkForward()));
      case BacktestRequested e ->
          "Backtest of %s on %s requested for cycle %s%s"
              .formatted(
                  strategy(e.strategy()),
                  dataset(e.dataset()),
                  e.cycleId(),
                  e.walkForward() == null ? "" : ", " + walkForward(e.walkForward()));
      case BacktestCompleted e -> backtestCompleted(e);
      case BacktestFailed e ->
          "Backtest of strategy %s in cycle %s failed: %s"
              .formatted(e.strategyId(), e.cycleId(), e.reason());
      case StrategyScored e ->
          "Strategy %s scored %s: return %s, Sharpe %s, max drawdown %s"
              .formatted(
                  e.strategyId(),
                  twoDecimals(e.score()),
                  percent(e.metrics().totalReturn()),
                  twoDecimals(e.metrics().sharpe()),
                  percent(e.metrics().maxDrawdown()));
      case CycleScored e -> cycleScored(e);
      case StrategyPromoted e ->
          "Promoted %s on %s: %s"
              .formatted(strategy(e.strategy()), dataset(e.dataset()), e.reason());
      case StrategyDemoted e -> "Demoted %s: %s".formatted(e.strategyId(), e.reason());
      case CycleCompleted e ->
          "Cycle %s %s: %s"
              .formatted(
                  e.cycleId(), "FAILED".equals(e.status()) ? "failed" : "completed", e.summary());
      case MarketBar e ->
          "Bar %s %s at %s: open %s, high %s, low %s, close %s, volume %s"
              .formatted(
                  e.symbol(),
                  e.timeframe(),
                  e.time(),
                  plain(e.open()),
                  plain(e.high()),
                  plain(e.low()),
                  plain(e.close()),
                  plain(e.volume()));
      default ->
          throw new IllegalArgumentException(
              "no summary for " + payload.getClass().getName() + "; use unknown(...)");
    };
  }

  /** The summary of an event whose type the platform does not define. */
  public static String unknown(String type, String source, String subject) {
    return "Event %s from %s%s, recorded as received"
        .formatted(type, source, subject == null ? "" : " about " + subject);
  }

  private static String backtestCompleted(BacktestCompleted e) {
    WalkForwardSummary wf = e.walkForward();
    if (wf == null) {
      return "Backtest of %s on %s: %s"
          .formatted(strategy(e.strategy()), dataset(e.dataset()), metrics(e.metrics()));
    }
    // with a walk-forward analysis the metrics are those of the stitched out-of-sample record
    return "Backtest of %s on %s, %d-fold %s walk-forward over %s: out-of-sample %s%s"
        .formatted(
            strategy(e.strategy()),
            dataset(e.dataset()),
            wf.folds().size(),
            wf.settings().windows(),
            count(wf.trials(), "trial"),
            metrics(e.metrics()),
            wf.efficiency() == null ? "" : ", efficiency " + twoDecimals(wf.efficiency()));
  }

  /**
   * {@code 60 sma-crossover candidates}, or {@code 60 candidates of sma-crossover, macd} when they
   * come from several templates.
   */
  static String candidates(int n, List<String> templates) {
    if (templates.size() == 1) {
      return count(n, templates.getFirst() + " candidate");
    }
    return count(n, "candidate") + " of " + String.join(", ", templates);
  }

  /**
   * {@code rolling walk-forward (in-sample 120 bars, out-of-sample 40, step 40), 50 grid points by
   * sharpe}. The number of folds depends on the dataset's length, which the settings do not carry.
   */
  static String walkForward(WalkForwardSettings w) {
    return "%s walk-forward (in-sample %d bars, out-of-sample %d, step %d), %s by %s"
        .formatted(
            w.windows(),
            w.inSampleBars(),
            w.outOfSampleBars(),
            w.stepBars(),
            count(w.points(), w.search() + " point"),
            w.objective());
  }

  private static String cycleScored(CycleScored e) {
    String counts =
        "Cycle %s scored: %d of %d ranked, %d failed"
            .formatted(e.cycleId(), e.scored(), e.expected(), e.failed());
    if (e.ranking().isEmpty()) {
      return counts + "; nothing ranked";
    }
    RankedStrategy best = e.ranking().getFirst();
    return counts + "; best %s score %s".formatted(best.strategyId(), twoDecimals(best.score()));
  }

  /** {@code return 27.1%, Sharpe 1.60, max drawdown 11.3%, 1 trade}. */
  static String metrics(BacktestMetrics m) {
    return "return %s, Sharpe %s, max drawdown %s, %s"
        .formatted(
            percent(m.totalReturn()),
            twoDecimals(m.sharpe()),
            percent(m.maxDrawdown()),
            count(m.tradeCount(), "trade"));
  }

  /**
   * {@code sma-crossover(fast=10, slow=50)}: parameters by name, since the event's map does not
   * keep the template's order.
   */
  static String strategy(StrategyDefinition s) {
    Map<String, Number> sorted = new TreeMap<>(s.parameters());
    return s.template()
        + sorted.entrySet().stream()
            .map(p -> p.getKey() + "=" + plain(p.getValue()))
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@code AAPL 1d}. */
  static String dataset(DatasetRef d) {
    return d.symbol() + " " + d.timeframe();
  }

  /** A fraction as a percentage with one decimal: 0.271 → {@code 27.1%}. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** {@code 1 trade}, {@code 2 trades}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** A number as written by a person: 10, 12.5, never 1.0E7. */
  static String plain(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        return Double.toString(d);
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return n.toString();
  }
}
