package io.backtest.engine.drift;

import io.backtest.contracts.events.ExpectedPerformance;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The drift experiment: synthetic live returns, seed after seed, through a detector or a whole
 * {@link DriftMonitor} (a {@link Probe}).
 *
 * <ul>
 *   <li><b>Detection delay</b> ({@link #delay}): iid daily returns with the promised mean and
 *       standard deviation for {@code changeAt} bars, then a lower mean (0: the edge vanished) with
 *       the same standard deviation. The delay is the bars from the change to the first alarm after
 *       it; alarms before the change are counted apart, the detector restarted after each.
 *   <li><b>False alarms</b> ({@link #falseAlarms}): returns from the promised distribution
 *       throughout; every alarm counts and restarts the detector.
 * </ul>
 *
 * Returns are normal or Student-t scaled to the promised standard deviation ({@link Tails}: fat
 * tails, same mean and variance). Every bar also closes a trade with probability {@code
 * tradesPerYear / pointsPerYear} (Bernoulli bars, close to Poisson at 40 trades a year). The
 * promised maximum drawdown is that of a simulated backtest of the same process ({@link Strategy}).
 * Draws come from {@link SplittableRandom} seeded per run (normal by its {@code nextGaussian};
 * Student-t with ν degrees of freedom as {@code Z / √(χ²_ν / ν)}, χ²_ν a sum of ν squared normals,
 * times {@code √((ν − 2) / ν)} for unit variance), so every figure is the same on every run. The
 * tests run it; {@link #main} prints it.
 */
public final class DriftExperiment {

  /** Daily points. */
  public static final double POINTS_PER_YEAR = 252;

  /** Annualised volatility of the synthetic strategy. */
  public static final double ANNUAL_VOLATILITY = 0.15;

  /** Trades a year of the synthetic strategy. */
  public static final double TRADES_PER_YEAR = 40;

  /** Bars a delay run continues after the change before it counts as missed. */
  public static final int MAX_DELAY = 20_000;

  private DriftExperiment() {}

  /**
   * The promise of a strategy with annualised Sharpe ratio {@code annualSharpe}, volatility {@value
   * #ANNUAL_VOLATILITY} and {@value #TRADES_PER_YEAR} trades a year on daily points.
   *
   * @param maxDrawdown the promised maximum drawdown
   */
  public static ExpectedPerformance promise(double annualSharpe, double maxDrawdown) {
    double stdev = ANNUAL_VOLATILITY / Math.sqrt(POINTS_PER_YEAR);
    double mean = annualSharpe * stdev / Math.sqrt(POINTS_PER_YEAR);
    return new ExpectedPerformance(
        Math.pow(1 + mean, POINTS_PER_YEAR) - 1,
        ANNUAL_VOLATILITY,
        annualSharpe,
        maxDrawdown,
        mean,
        stdev,
        POINTS_PER_YEAR,
        1,
        TRADES_PER_YEAR,
        0.99);
  }

  /** The shape of the synthetic returns. */
  public enum Tails {
    /** Normal returns. */
    NORMAL(0),
    /** Student-t with 4 degrees of freedom (infinite kurtosis), scaled to unit variance. */
    STUDENT_T4(4),
    /** Student-t with 5 degrees of freedom (excess kurtosis 6), scaled to unit variance. */
    STUDENT_T5(5);

    private final int degreesOfFreedom;

    Tails(int degreesOfFreedom) {
      this.degreesOfFreedom = degreesOfFreedom;
    }

    /** A draw with mean 0 and variance 1. */
    double draw(SplittableRandom random) {
      double z = random.nextGaussian();
      if (degreesOfFreedom == 0) {
        return z;
      }
      double chiSquare = 0;
      for (int i = 0; i < degreesOfFreedom; i++) {
        double g = random.nextGaussian();
        chiSquare += g * g;
      }
      return z
          / Math.sqrt(chiSquare / degreesOfFreedom)
          * Math.sqrt((degreesOfFreedom - 2.0) / degreesOfFreedom);
    }
  }

  /**
   * Detection delays over seeds.
   *
   * @param seeds runs
   * @param median median delay in bars (nearest rank)
   * @param p95 95th percentile (nearest rank)
   * @param max the longest delay
   * @param missed runs without an alarm within {@value #MAX_DELAY} bars of the change (their delay
   *     counts as that)
   * @param preChangeAlarms alarms before the change, over all runs
   */
  public record Delays(
      int seeds, long median, long p95, long max, int missed, int preChangeAlarms) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d seeds: median %d, 95th percentile %d, max %d bars; %d missed; %d alarms before the"
              + " change",
          seeds,
          median,
          p95,
          max,
          missed,
          preChangeAlarms);
    }
  }

  /**
   * Alarms on stationary returns.
   *
   * @param seeds runs
   * @param bars bars a run
   * @param alarms alarms over all runs
   */
  public record FalseAlarms(int seeds, int bars, int alarms) {
    /** Alarms per 10,000 bars. */
    public double per10000Bars() {
      return alarms * 10_000.0 / ((double) seeds * bars);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d alarms in %d seeds × %d bars (%.3f per 10,000 bars)",
          alarms,
          seeds,
          bars,
          per10000Bars());
    }
  }

  /**
   * What the experiment runs: one detector, or a whole monitor, fed bar by bar.
   *
   * <p>{@link #update} returns the name of the detector that alarmed, or null.
   */
  public interface Probe {
    /** Takes a bar; the alarming detector's name or null. */
    String update(double barReturn, boolean tradeClosed);
  }

  /** The promise's default mean-shift detector, restarted after each alarm. */
  public static Probe cusum(ExpectedPerformance expected) {
    return changeProbe(CusumDetector.forExpected(expected), expected);
  }

  /** {@link PageHinkleyDetector} with its defaults, restarted after each alarm. */
  public static Probe pageHinkley(ExpectedPerformance expected) {
    return changeProbe(PageHinkleyDetector.forExpected(expected), expected);
  }

  private static Probe changeProbe(ChangeDetector detector, ExpectedPerformance expected) {
    return (r, trade) -> {
      if (detector.update((r - expected.meanReturn()) / expected.returnStdev())) {
        detector.reset();
        return detector.name();
      }
      return null;
    };
  }

  /** {@link LiveSharpeCheck} at {@code threshold}, restarted after each alarm. */
  public static Probe sharpeCheck(ExpectedPerformance expected, double threshold) {
    LiveSharpeCheck check =
        new LiveSharpeCheck(
            expected.sharpe() / Math.sqrt(expected.pointsPerYear()),
            threshold,
            LiveSharpeCheck.DEFAULT_CONFIDENCE);
    return (r, trade) -> {
      if (check.update(r)) {
        check.reset();
        return "live Sharpe";
      }
      return null;
    };
  }

  /** {@link TradeFrequencyDrift} at {@code alpha}, restarted after each alarm. */
  public static Probe tradeCheck(ExpectedPerformance expected, double alpha) {
    TradeFrequencyDrift check =
        new TradeFrequencyDrift(
            expected.tradesPerYear(), expected.pointsPerYear() * expected.barsPerPoint(), alpha);
    return (r, trade) -> {
      if (check.update(trade)) {
        check.reset();
        return "trade frequency";
      }
      return null;
    };
  }

  /** A {@link DriftMonitor} with its defaults (it restarts what alarms itself). */
  public static Probe monitor(ExpectedPerformance expected) {
    DriftMonitor monitor = new DriftMonitor(expected);
    return (r, trade) -> monitor.update(r, trade).map(DriftDetection::detector).orElse(null);
  }

  /**
   * A synthetic strategy: a promise of annualised Sharpe ratio {@code annualSharpe} and the shape
   * of its returns. The promised maximum drawdown is that of a {@code backtestBars} backtest of the
   * same process drawn from another stream of the run's seed, as a real promise's would be (0.1
   * when {@code backtestBars} is 0).
   *
   * @param annualSharpe the promised annualised Sharpe ratio
   * @param tails the shape of the returns, of the backtest and live alike
   * @param backtestBars length of the simulated backtest behind the promised maximum drawdown
   */
  public record Strategy(double annualSharpe, Tails tails, int backtestBars) {
    /** The promise of run {@code s}. */
    ExpectedPerformance promise(int s) {
      if (backtestBars == 0) {
        return DriftExperiment.promise(annualSharpe, 0.1);
      }
      ExpectedPerformance shape = DriftExperiment.promise(annualSharpe, 0.1);
      SplittableRandom random = new SplittableRandom(~seedOf(s));
      double equityToPeak = 1;
      double maxDrawdown = 0;
      for (int t = 0; t < backtestBars; t++) {
        double r = shape.meanReturn() + shape.returnStdev() * tails.draw(random);
        equityToPeak = Math.min(1, equityToPeak * (1 + r));
        maxDrawdown = Math.max(maxDrawdown, 1 - equityToPeak);
      }
      return DriftExperiment.promise(annualSharpe, maxDrawdown);
    }
  }

  /**
   * Detection delays: {@code changeAt} bars as promised, then the mean becomes {@code meanAfter ×
   * meanReturn}; per run, the bars from the change to the first alarm after it.
   *
   * @param firstAlarms filled with the count of runs by the detector that alarmed first after the
   *     change (may be null)
   */
  public static Delays delay(
      Strategy strategy,
      Function<ExpectedPerformance, Probe> probes,
      double meanAfter,
      int changeAt,
      int seeds,
      Map<String, Integer> firstAlarms) {
    long[] delays = new long[seeds];
    int missed = 0;
    int preChange = 0;
    for (int s = 0; s < seeds; s++) {
      ExpectedPerformance expected = strategy.promise(s);
      Probe probe = probes.apply(expected);
      Bars bars = new Bars(expected, strategy.tails(), s);
      for (int t = 0; t < changeAt; t++) {
        if (bars.feed(probe, expected.meanReturn()) != null) {
          preChange++;
        }
      }
      long delay = MAX_DELAY;
      for (int t = 1; t <= MAX_DELAY; t++) {
        String alarm = bars.feed(probe, meanAfter * expected.meanReturn());
        if (alarm != null) {
          delay = t;
          if (firstAlarms != null) {
            firstAlarms.merge(alarm, 1, Integer::sum);
          }
          break;
        }
      }
      if (delay == MAX_DELAY) {
        missed++;
      }
      delays[s] = delay;
    }
    Arrays.sort(delays);
    return new Delays(
        seeds,
        nearestRank(delays, 0.5),
        nearestRank(delays, 0.95),
        delays[seeds - 1],
        missed,
        preChange);
  }

  /**
   * Alarms on {@code seeds × bars} returns from the promised distribution throughout.
   *
   * @param byDetector filled with the alarm count per detector (may be null)
   */
  public static FalseAlarms falseAlarms(
      Strategy strategy,
      Function<ExpectedPerformance, Probe> probes,
      int seeds,
      int barsPerSeed,
      Map<String, Integer> byDetector) {
    int alarms = 0;
    for (int s = 0; s < seeds; s++) {
      ExpectedPerformance expected = strategy.promise(s);
      Probe probe = probes.apply(expected);
      Bars bars = new Bars(expected, strategy.tails(), s);
      for (int t = 0; t < barsPerSeed; t++) {
        String alarm = bars.feed(probe, expected.meanReturn());
        if (alarm != null) {
          alarms++;
          if (byDetector != null) {
            byDetector.merge(alarm, 1, Integer::sum);
          }
        }
      }
    }
    return new FalseAlarms(seeds, barsPerSeed, alarms);
  }

  /**
   * The bars of one run: per bar a return {@code mean + returnStdev × draw} and a trade with
   * probability {@code tradesPerYear / pointsPerYear}, both from the run's seed.
   */
  private static final class Bars {
    private final ExpectedPerformance expected;
    private final Tails tails;
    private final SplittableRandom random;
    private final double tradeChance;

    Bars(ExpectedPerformance expected, Tails tails, int s) {
      this.expected = expected;
      this.tails = tails;
      this.random = new SplittableRandom(seedOf(s));
      this.tradeChance = expected.tradesPerYear() / expected.pointsPerYear();
    }

    String feed(Probe probe, double mean) {
      double r = mean + expected.returnStdev() * tails.draw(random);
      boolean trade = random.nextDouble() < tradeChance;
      return probe.update(r, trade);
    }
  }

  private static long nearestRank(long[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  /**
   * Seed of run {@code s}. Consecutive integers, not multiples of SplittableRandom's own increment
   * (the golden gamma 0x9E3779B97F4A7C15), which would make run s + 1 the stream of run s shifted
   * by one draw.
   */
  static long seedOf(int s) {
    return 20_240_000L + s;
  }

  /** Prints the experiment: {@code java ... io.backtest.engine.drift.DriftExperiment}. */
  public static void main(String[] args) {
    for (double sharpe : new double[] {2.0, 1.5}) {
      ExpectedPerformance expected = promise(sharpe, 0.1);
      CusumDetector cusum = CusumDetector.forExpected(expected);
      System.out.printf(
          Locale.ROOT,
          "Sharpe %.1f: k = %.4f, h = %.2f (Siegmund ARL0 %.0f; ARL1 from 0 after the edge"
              + " vanishes %.0f)%n",
          sharpe,
          cusum.reference(),
          cusum.threshold(),
          CusumDetector.twoSidedRunLength(cusum.reference(), cusum.threshold(), 0),
          CusumDetector.averageRunLength(
              cusum.reference(), cusum.threshold(), 2 * cusum.reference()));
      Strategy normal = new Strategy(sharpe, Tails.NORMAL, 0);
      for (double after : new double[] {0, -0.5, -1}) {
        System.out.printf(
            Locale.ROOT,
            "  CUSUM delay, mean → %.1f × promised at bar 500: %s%n",
            after,
            delay(normal, DriftExperiment::cusum, after, 500, 200, null));
      }
      System.out.printf(
          Locale.ROOT,
          "  Page-Hinkley delay, mean → 0 at bar 500: %s%n",
          delay(normal, DriftExperiment::pageHinkley, 0, 500, 200, null));
      for (Tails tails : Tails.values()) {
        Strategy strategy = new Strategy(sharpe, tails, 0);
        System.out.printf(
            Locale.ROOT,
            "  CUSUM false alarms, %s: %s; Page-Hinkley %s%n",
            tails,
            falseAlarms(strategy, DriftExperiment::cusum, 100, 10_000, null),
            falseAlarms(strategy, DriftExperiment::pageHinkley, 100, 10_000, null).alarms());
      }
      for (double threshold : new double[] {0.05, 0.01, 0.001}) {
        System.out.printf(
            Locale.ROOT,
            "  live Sharpe at %.3f: false alarms %s; delay, mean → 0 at bar 500: %s%n",
            threshold,
            falseAlarms(normal, e -> sharpeCheck(e, threshold), 100, 10_000, null),
            delay(normal, e -> sharpeCheck(e, threshold), 0, 500, 200, null));
      }
      for (double alpha : new double[] {1e-2, 1e-3, 1e-4}) {
        System.out.printf(
            Locale.ROOT,
            "  trade frequency at %.0e: false alarms %s%n",
            alpha,
            falseAlarms(normal, e -> tradeCheck(e, alpha), 100, 10_000, null));
      }
      for (Tails tails : new Tails[] {Tails.NORMAL, Tails.STUDENT_T4}) {
        Strategy strategy = new Strategy(sharpe, tails, 1_260);
        Map<String, Integer> by = new TreeMap<>();
        FalseAlarms alarms = falseAlarms(strategy, DriftExperiment::monitor, 100, 10_000, by);
        Map<String, Integer> first = new TreeMap<>();
        Delays delays = delay(strategy, DriftExperiment::monitor, 0, 500, 200, first);
        System.out.printf(
            Locale.ROOT,
            "  monitor, %s, 1,260-bar backtest: false alarms %s %s; delay, mean → 0 at bar 500:"
                + " %s, first %s%n",
            tails,
            alarms,
            by,
            delays,
            first);
      }
    }
  }
}
