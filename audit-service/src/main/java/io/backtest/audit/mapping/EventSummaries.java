package io.backtest.audit.mapping;

import io.backtest.contracts.events.AuditCheckpoint;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.ScoringWeights;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyDriftDetected;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.contracts.events.StrategyScored;
import io.backtest.contracts.events.WalkForwardSettings;
import io.backtest.contracts.events.WalkForwardSummary;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
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
          "Cycle %s started: %s on %s (seed %d), %s%s"
              .formatted(
                  e.cycleId(),
                  candidates(e.candidates(), e.templates()),
                  dataset(e.dataset()),
                  e.seed(),
                  e.walkForward() == null ? "without walk-forward" : walkForward(e.walkForward()),
                  e.scoring() == null ? "" : "; score weights " + weights(e.scoring()));
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
          "Strategy %s scored %s, rank %d: %s"
              .formatted(
                  e.strategyId(), twoDecimals(e.score()), e.rank(), statistics(e.statistics()));
      case CycleScored e -> cycleScored(e);
      case StrategyPromoted e ->
          "Promoted %s on %s: DSR %s, rank %d, live %d of %d — %s"
              .formatted(
                  strategy(e.strategy()),
                  dataset(e.dataset()),
                  twoDecimals(e.expected().deflatedSharpe()),
                  e.rank(),
                  e.liveCount(),
                  e.cap(),
                  e.reason());
      case StrategyDemoted e ->
          "Demoted %s%s: live %d — %s"
              .formatted(
                  e.strategyId(),
                  e.replacedBy() == null ? "" : ", replaced by " + e.replacedBy(),
                  e.liveCount(),
                  e.reason());
      case CycleCompleted e -> cycleCompleted(e);
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
      case MarketRegimeChanged e ->
          "Regime of %s %s by %s: %s -> %s at %s after %s — %s"
              .formatted(
                  e.symbol(),
                  e.timeframe(),
                  e.detector(),
                  e.from() == null ? "none" : e.from(),
                  e.to(),
                  e.barTime(),
                  count(e.barsObserved(), "bar"),
                  e.reason());
      case StrategyDriftDetected e ->
          "Drift of %s on %s %s: %s %s beyond %s after %s live — %s"
              .formatted(
                  e.strategyId(),
                  e.symbol(),
                  e.timeframe(),
                  e.detector(),
                  twoDecimals(e.statistic()),
                  twoDecimals(e.threshold()),
                  count(e.window(), "bar"),
                  e.reason());
      case MonitoringAlert e ->
          "%s alert (%s)%s%s%s: %s"
              .formatted(
                  e.severity(),
                  e.kind(),
                  e.strategyId() == null ? "" : " on strategy " + e.strategyId(),
                  e.symbol() == null ? "" : " for " + e.symbol(),
                  e.component() == null ? "" : " in " + e.component(),
                  e.message());
      case AuditCheckpoint e ->
          "Tree head signed: %s %s, root %s, key %s at %s"
              .formatted(
                  String.format(Locale.ROOT, "%,d", e.treeSize()),
                  e.treeSize() == 1 ? "entry" : "entries",
                  e.rootHash(),
                  e.keyId(),
                  e.timestamp());
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

  /**
   * {@code Cycle … scored: 200 ranked, N = 4,221 trials, PBO 0.31, P(OOS loss) 0.08; best … score
   * 0.84 (DSR 0.97)}. The overfitting figures are left out when scoring could not compute them (too
   * few candidates or returns).
   */
  private static String cycleScored(CycleScored e) {
    String ranked =
        e.failed() == 0
            ? "%d ranked".formatted(e.scored())
            : "%d of %d ranked, %d failed".formatted(e.scored(), e.expected(), e.failed());
    if (e.ranking().isEmpty()) {
      return "Cycle %s scored: %s; nothing ranked".formatted(e.cycleId(), ranked);
    }
    RankedStrategy best = e.ranking().getFirst();
    return "Cycle %s scored: %s, N = %s%s; best %s score %s (DSR %s)"
        .formatted(
            e.cycleId(),
            ranked,
            count(e.trials(), "trial"),
            overfitting(e.overfitting()),
            best.strategyId(),
            twoDecimals(best.score()),
            twoDecimals(best.statistics().deflatedSharpe()));
  }

  /** {@code , PBO 0.31, P(OOS loss) 0.08}; PBO is undefined with fewer than two candidates. */
  private static String overfitting(OverfittingDiagnostics o) {
    if (o == null) {
      return "";
    }
    return (o.pbo() == null ? "" : ", PBO " + twoDecimals(o.pbo()))
        + ", P(OOS loss) "
        + twoDecimals(o.probabilityOfOosLoss());
  }

  /**
   * {@code Cycle … completed: <its summary>; verdicts 1 promoted, 57 rejected by gates, 2
   * correlated}: the verdicts counted per outcome, outcomes in the order they first occur in the
   * ranking (outcome codes are open-ended, so they are worded from the code itself).
   */
  private static String cycleCompleted(CycleCompleted e) {
    String head =
        "Cycle %s %s: %s"
            .formatted(
                e.cycleId(), "FAILED".equals(e.status()) ? "failed" : "completed", e.summary());
    if (e.verdicts().isEmpty()) {
      return head;
    }
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    for (CandidateVerdict v : e.verdicts()) {
      outcomes.merge(v.outcome(), 1, Integer::sum);
    }
    return head
        + "; verdicts "
        + outcomes.entrySet().stream()
            .map(o -> o.getValue() + " " + outcome(o.getKey()))
            .collect(Collectors.joining(", "));
  }

  /** {@code REJECTED_BY_GATES} → {@code rejected by gates}. */
  static String outcome(String code) {
    return code.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** {@code DSR 0.97, Sharpe 1.35, return 62.0%, max drawdown 12.0%, 48 trades}. */
  static String statistics(CandidateStatistics s) {
    return "DSR %s, Sharpe %s, return %s, max drawdown %s, %s"
        .formatted(
            twoDecimals(s.deflatedSharpe()),
            twoDecimals(s.sharpe()),
            percent(s.totalReturn()),
            percent(s.maxDrawdown()),
            count(s.tradeCount(), "trade"));
  }

  /** {@code DSR 0.5, Sharpe 0.2, consistency 0.15, drawdown 0.15}. */
  static String weights(ScoringWeights w) {
    return "DSR %s, Sharpe %s, consistency %s, drawdown %s"
        .formatted(
            plain(w.deflatedSharpe()),
            plain(w.sharpe()),
            plain(w.consistency()),
            plain(w.drawdown()));
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

  /** {@code 1 trade}, {@code 2 trades}, {@code 4,221 trials}. */
  static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
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
