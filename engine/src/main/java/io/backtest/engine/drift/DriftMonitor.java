package io.backtest.engine.drift;

import io.backtest.contracts.events.ExpectedPerformance;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift detectors of one live strategy, fed one bar at a time in O(1): {@link DrawdownBreach}
 * and {@link TradeFrequencyDrift} on every bar, and on every point — {@code barsPerPoint} bars
 * compounded, the unit of the promise's {@code meanReturn} and {@code returnStdev} — the mean-shift
 * detector ({@link CusumDetector} by default, or {@link PageHinkleyDetector}) on the standardised
 * return {@code z = (r − meanReturn) / returnStdev} and {@link LiveSharpeCheck} on the return
 * itself.
 *
 * <p>A detector that alarms restarts (its statistic and record start again from the next bar); the
 * others carry on. When several alarm on the same bar, {@link #update} reports the first in the
 * order drawdown, mean shift, Sharpe ratio, trade frequency — capital at risk first — and names the
 * others in its reason.
 *
 * <p>Detectors that have nothing to test against are off: the mean-shift detector without a
 * positive {@code returnStdev}, the Sharpe check without a positive promised Sharpe ratio, the
 * trade check without a positive {@code tradesPerYear}.
 */
public final class DriftMonitor {

  /** The mean-shift detector to run. */
  public enum ChangeDetection {
    /** {@link CusumDetector}, the default. */
    CUSUM,
    /** {@link PageHinkleyDetector}: the same decisions in Page–Hinkley's form. */
    PAGE_HINKLEY
  }

  /**
   * The monitor's parameters; each detector's class comment says why its default is what it is.
   *
   * @param changeDetection which mean-shift detector runs
   * @param inControlRunLength in-control average run length in points that calibrates the
   *     mean-shift detector's threshold; NaN for {@link CusumDetector#defaultInControlRunLength}
   * @param drawdownFactor {@link DrawdownBreach}'s multiple of the backtest's maximum drawdown
   * @param drawdownLimit {@link DrawdownBreach}'s absolute limit
   * @param sharpeThreshold {@link LiveSharpeCheck}'s PSR threshold
   * @param sharpeConfidence {@link LiveSharpeCheck}'s MinTRL confidence
   * @param tradeAlpha {@link TradeFrequencyDrift}'s two-sided significance
   */
  public record Settings(
      ChangeDetection changeDetection,
      double inControlRunLength,
      double drawdownFactor,
      double drawdownLimit,
      double sharpeThreshold,
      double sharpeConfidence,
      double tradeAlpha) {

    /** Every default. */
    public static final Settings DEFAULT =
        new Settings(
            ChangeDetection.CUSUM,
            Double.NaN,
            DrawdownBreach.DEFAULT_FACTOR,
            DrawdownBreach.DEFAULT_ABSOLUTE_LIMIT,
            LiveSharpeCheck.DEFAULT_THRESHOLD,
            LiveSharpeCheck.DEFAULT_CONFIDENCE,
            TradeFrequencyDrift.DEFAULT_ALPHA);

    public Settings {
      Objects.requireNonNull(changeDetection, "changeDetection");
    }

    /** These settings with another mean-shift detector. */
    public Settings withChangeDetection(ChangeDetection detection) {
      return new Settings(
          detection,
          inControlRunLength,
          drawdownFactor,
          drawdownLimit,
          sharpeThreshold,
          sharpeConfidence,
          tradeAlpha);
    }
  }

  private final ExpectedPerformance expected;
  private final int barsPerPoint;
  private final ChangeDetector change;
  private final DrawdownBreach drawdown;
  private final LiveSharpeCheck sharpe;
  private final TradeFrequencyDrift trades;
  private long bar;
  private long changeFrom;
  private long drawdownFrom;
  private long sharpeFrom;
  private long tradesFrom;
  private double pointGrowth = 1;
  private int barsInPoint;

  /** A monitor with the default settings. */
  public DriftMonitor(ExpectedPerformance expected) {
    this(expected, Settings.DEFAULT);
  }

  /**
   * A monitor.
   *
   * @param expected what the backtest promised
   * @param settings the detectors' parameters
   * @throws IllegalArgumentException if {@code pointsPerYear} is not positive
   */
  public DriftMonitor(ExpectedPerformance expected, Settings settings) {
    this.expected = Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(settings, "settings");
    if (!(expected.pointsPerYear() > 0)) {
      throw new IllegalArgumentException(
          "pointsPerYear must be > 0 but was " + expected.pointsPerYear());
    }
    this.barsPerPoint = expected.barsPerPoint();
    if (expected.returnStdev() > 0) {
      double k = CusumDetector.defaultReference(expected);
      double runLength =
          Double.isNaN(settings.inControlRunLength())
              ? CusumDetector.defaultInControlRunLength(expected)
              : settings.inControlRunLength();
      double h = CusumDetector.thresholdFor(k, runLength);
      this.change =
          settings.changeDetection() == ChangeDetection.CUSUM
              ? new CusumDetector(k, h)
              : new PageHinkleyDetector(k, h);
    } else {
      this.change = null;
    }
    this.drawdown =
        new DrawdownBreach(
            expected.maxDrawdown(), settings.drawdownFactor(), settings.drawdownLimit());
    this.sharpe =
        new LiveSharpeCheck(
            expected.sharpe() / Math.sqrt(expected.pointsPerYear()),
            settings.sharpeThreshold(),
            settings.sharpeConfidence());
    this.trades =
        new TradeFrequencyDrift(
            expected.tradesPerYear(),
            expected.pointsPerYear() * expected.barsPerPoint(),
            settings.tradeAlpha());
  }

  /**
   * Takes the next live bar.
   *
   * @param barReturn the bar's simple return
   * @param tradeClosed whether a trade closed on the bar
   * @return the alarm, if a detector alarmed on this bar
   * @throws IllegalArgumentException if the return is not finite or below −1
   */
  public Optional<DriftDetection> update(double barReturn, boolean tradeClosed) {
    if (!Double.isFinite(barReturn) || barReturn < -1) {
      throw new IllegalArgumentException(
          "a bar return must be finite and >= -1 but was " + barReturn);
    }
    bar++;
    // allocated only on a bar with an alarm
    List<DriftDetection> alarms = List.of();
    if (drawdown.update(barReturn)) {
      alarms = add(alarms, drawdownAlarm());
      drawdown.reset();
      drawdownFrom = bar;
    }
    pointGrowth *= 1 + barReturn;
    if (++barsInPoint == barsPerPoint) {
      double pointReturn = pointGrowth - 1;
      pointGrowth = 1;
      barsInPoint = 0;
      if (change != null
          && change.update((pointReturn - expected.meanReturn()) / expected.returnStdev())) {
        alarms = add(alarms, changeAlarm());
        change.reset();
        changeFrom = bar;
      }
      if (sharpe.update(pointReturn)) {
        alarms = add(alarms, sharpeAlarm());
        sharpe.reset();
        sharpeFrom = bar;
      }
    }
    if (trades.update(tradeClosed)) {
      alarms = add(alarms, tradeAlarm());
      trades.reset();
      tradesFrom = bar;
    }
    if (alarms.isEmpty()) {
      return Optional.empty();
    }
    DriftDetection first = alarms.get(0);
    if (alarms.size() == 1) {
      return Optional.of(first);
    }
    StringBuilder reason = new StringBuilder(first.reason());
    for (DriftDetection other : alarms.subList(1, alarms.size())) {
      reason.append("; also ").append(other.reason());
    }
    return Optional.of(
        new DriftDetection(
            first.detector(),
            first.statistic(),
            first.threshold(),
            first.bar(),
            first.barsObserved(),
            reason.toString()));
  }

  private static List<DriftDetection> add(List<DriftDetection> alarms, DriftDetection alarm) {
    List<DriftDetection> more = alarms.isEmpty() ? new ArrayList<>(4) : alarms;
    more.add(alarm);
    return more;
  }

  private DriftDetection drawdownAlarm() {
    long observed = bar - drawdownFrom;
    String limit =
        drawdown.absoluteLimitBinds()
            ? "the absolute limit"
            : String.format(
                Locale.ROOT,
                "%.1f × the backtest's %.1f %%",
                drawdown.factor(),
                100 * drawdown.backtestMaxDrawdown());
    return new DriftDetection(
        "drawdown",
        drawdown.drawdown(),
        drawdown.limit(),
        bar,
        observed,
        String.format(
            Locale.ROOT,
            "drift: drawdown %.1f %% > %.1f %% (%s) after %d bars",
            100 * drawdown.drawdown(),
            100 * drawdown.limit(),
            limit,
            observed));
  }

  private DriftDetection changeAlarm() {
    long observed = bar - changeFrom;
    return new DriftDetection(
        change.name(),
        change.statistic(),
        change.threshold(),
        bar,
        observed,
        String.format(
            Locale.ROOT,
            "drift: %s %.1f > %.1f after %d bars (mean return %s the promise since about %d bars"
                + " ago)",
            change.name(),
            change.statistic(),
            change.threshold(),
            observed,
            change.falling() ? "below" : "above",
            change.pointsSinceChange() * barsPerPoint));
  }

  private DriftDetection sharpeAlarm() {
    long observed = bar - sharpeFrom;
    double annualise = Math.sqrt(expected.pointsPerYear());
    return new DriftDetection(
        "live Sharpe",
        sharpe.probabilisticSharpeRatio(),
        sharpe.threshold(),
        bar,
        observed,
        String.format(
            Locale.ROOT,
            "drift: PSR(backtest Sharpe %.2f) %s < %s after %d bars (live Sharpe %.2f,"
                + " annualised)",
            expected.sharpe(),
            probability(sharpe.probabilisticSharpeRatio()),
            probability(sharpe.threshold()),
            observed,
            sharpe.sharpe() * annualise));
  }

  private DriftDetection tradeAlarm() {
    long observed = bar - tradesFrom;
    double p = trades.pValue();
    return new DriftDetection(
        "trade frequency",
        p,
        trades.alpha(),
        bar,
        observed,
        String.format(
            Locale.ROOT,
            "drift: %s (two-sided Poisson p %s < %s) after %d bars",
            trades.describe(),
            probability(p),
            probability(trades.alpha()),
            observed));
  }

  /** A probability in two significant digits: {@code 0.001}, {@code 0.00067}, {@code 3.2e-09}. */
  static String probability(double p) {
    if (p == 0 || p >= 1e-4) {
      return new BigDecimal(p).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.1e", p);
  }

  /** Live bars taken since the start. */
  public long bars() {
    return bar;
  }

  /** The mean-shift detector, empty when the promise has no positive {@code returnStdev}. */
  public Optional<ChangeDetector> changeDetector() {
    return Optional.ofNullable(change);
  }

  /** The drawdown detector. */
  public DrawdownBreach drawdown() {
    return drawdown;
  }

  /** The live Sharpe check. */
  public LiveSharpeCheck sharpe() {
    return sharpe;
  }

  /** The trade-frequency check. */
  public TradeFrequencyDrift trades() {
    return trades;
  }

  /** Restarts every detector, as after the strategy was reviewed and resumed. */
  public void reset() {
    if (change != null) {
      change.reset();
    }
    drawdown.reset();
    sharpe.reset();
    trades.reset();
    changeFrom = bar;
    drawdownFrom = bar;
    sharpeFrom = bar;
    tradesFrom = bar;
    pointGrowth = 1;
    barsInPoint = 0;
  }
}
