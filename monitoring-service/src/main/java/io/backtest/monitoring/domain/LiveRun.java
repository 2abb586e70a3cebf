package io.backtest.monitoring.domain;

import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.backtest.Trade;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.drift.ChangeDetector;
import io.backtest.engine.drift.DriftDetection;
import io.backtest.engine.drift.DriftMonitor;
import io.backtest.engine.live.BarStep;
import io.backtest.engine.live.IncrementalBacktest;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One watch of a deployed strategy in memory: its paper trading ({@link IncrementalBacktest}, the
 * backtest's own loop fed bar by bar) and its drift detectors ({@link DriftMonitor}), with the
 * running statistics the API shows. Plain Java, deterministic: the same bars give the same state,
 * which is how a watch is rebuilt after a restart. Not thread-safe.
 *
 * <p>Each traded bar's return goes to the drift detectors: equity over the previous bar's, the
 * starting capital for the first traded bar (the backtest's returns have no element for it).
 */
public final class LiveRun {

  /**
   * What one traded bar did.
   *
   * @param bars bars traded so far, this one included
   * @param time the bar's open time
   * @param equity equity at its close
   * @param barReturn equity over the previous bar's (the starting capital for the first), minus 1
   * @param drawdown 1 − equity / highest equity so far (the starting capital included)
   * @param position the position held after it
   * @param trades trades closed so far
   * @param tradeClosed whether a trade closed on it
   * @param detection the drift detection it caused, if any
   */
  public record Step(
      int bars,
      Instant time,
      double equity,
      double barReturn,
      double drawdown,
      PositionSide position,
      int trades,
      boolean tradeClosed,
      Optional<DriftDetection> detection) {}

  private final IncrementalBacktest backtest;
  private final DriftMonitor monitor;
  private final double capital;
  private final double barsPerYear;
  private boolean detecting;

  private int bars;
  private Instant lastBarTime;
  private double previousEquity;
  private double peak;
  private double drawdown;
  private double maxDrawdown;
  private int trades;
  private PositionSide position = PositionSide.FLAT;
  // Welford's running mean and sum of squared deviations of the bar returns
  private double mean;
  private double m2;

  /**
   * A watch before its first bar.
   *
   * @param detecting whether the drift detectors run (false for a watch that already drifted)
   */
  public LiveRun(
      StrategyTemplate template,
      Parameters params,
      ExecutionModel model,
      Duration barDuration,
      double barsPerYear,
      ExpectedPerformance expected,
      DriftMonitor.Settings settings,
      boolean detecting) {
    this.backtest = new IncrementalBacktest(template, params, model, barDuration, barsPerYear);
    this.monitor = new DriftMonitor(expected, settings);
    this.capital = model.capital();
    this.barsPerYear = barsPerYear;
    this.detecting = detecting;
    this.previousEquity = capital;
    this.peak = capital;
  }

  /** Feeds a bar before the promotion: it only advances the indicators. */
  public void warmUp(OhlcvBar bar) {
    backtest.warmUp(bar);
  }

  /**
   * Trades the next bar and, while detecting, tests it for drift. After a detection the detectors
   * stop: the watch has drifted.
   */
  public Step trade(OhlcvBar bar) {
    BarStep step = backtest.onBar(bar);
    double equity = step.equity();
    double barReturn = equity / previousEquity - 1;
    previousEquity = equity;
    bars++;
    lastBarTime = bar.time();
    peak = Math.max(peak, equity);
    drawdown = 1 - equity / peak;
    maxDrawdown = Math.max(maxDrawdown, drawdown);
    boolean closed = step.closedTrade().isPresent();
    if (closed) {
      trades++;
    }
    position =
        step.position()
            .map(p -> p.side() == Trade.Side.LONG ? PositionSide.LONG : PositionSide.SHORT)
            .orElse(PositionSide.FLAT);
    double delta = barReturn - mean;
    mean += delta / bars;
    m2 += delta * (barReturn - mean);
    Optional<DriftDetection> detection = Optional.empty();
    if (detecting) {
      detection = monitor.update(barReturn, closed);
      if (detection.isPresent()) {
        detecting = false;
      }
    }
    return new Step(
        bars, bar.time(), equity, barReturn, drawdown, position, trades, closed, detection);
  }

  /** Bars fed so far, warm-up included. */
  public int barCount() {
    return backtest.barCount();
  }

  /** Warm-up bars fed before the first traded bar. */
  public int warmUpBars() {
    return backtest.warmUpBars();
  }

  /** Bars traded. */
  public int bars() {
    return bars;
  }

  /** Open time of the latest traded bar; null before the first. */
  public Instant lastBarTime() {
    return lastBarTime;
  }

  /** Equity at the latest close; the starting capital before the first traded bar. */
  public double equity() {
    return backtest.equity();
  }

  /** Equity over the starting capital, minus 1. */
  public double totalReturn() {
    return backtest.equity() / capital - 1;
  }

  /** The current drawdown from the highest equity so far. */
  public double drawdown() {
    return drawdown;
  }

  /** The largest drawdown so far. */
  public double maxDrawdown() {
    return maxDrawdown;
  }

  /** Trades closed so far. */
  public int trades() {
    return trades;
  }

  /** The position held after the latest bar. */
  public PositionSide position() {
    return position;
  }

  /**
   * Annualised Sharpe ratio of the bar returns (zero risk-free rate, sample standard deviation,
   * times √barsPerYear); empty before two bars or without variation.
   */
  public Optional<Double> sharpe() {
    if (bars < 2 || !(m2 > 0)) {
      return Optional.empty();
    }
    double sd = Math.sqrt(m2 / (bars - 1));
    return Optional.of(mean / sd * Math.sqrt(barsPerYear));
  }

  /** Whether the drift detectors still run. */
  public boolean detecting() {
    return detecting;
  }

  /** The mean-shift detector, empty when the promise gives it nothing to test against. */
  public Optional<ChangeDetector> changeDetector() {
    return monitor.changeDetector();
  }

  /**
   * The contract's name ({@code StrategyDriftDetected.detector}) of a detector as {@link
   * DriftDetection#detector()} names it.
   *
   * @throws IllegalArgumentException for a name the contract has no counterpart of
   */
  public static String contractDetector(String engineName) {
    return switch (engineName) {
      case "CUSUM" -> "cusum";
      case "Page-Hinkley" -> "page-hinkley";
      case "drawdown" -> "drawdown";
      case "live Sharpe" -> "live-psr";
      case "trade frequency" -> "trade-frequency";
      default -> throw new IllegalArgumentException("unknown drift detector '" + engineName + "'");
    };
  }
}
