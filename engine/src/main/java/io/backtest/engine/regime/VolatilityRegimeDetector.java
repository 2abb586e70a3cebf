package io.backtest.engine.regime;

import io.backtest.engine.data.OhlcvBar;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Volatility regime of one bar stream: the realised volatility of the last bars, on a log scale,
 * against thresholds drawn from its own trailing distribution, giving {@link VolatilityRegime#LOW},
 * {@link VolatilityRegime#NORMAL} or {@link VolatilityRegime#HIGH}.
 *
 * <p><b>Realised volatility.</b> Per bar, {@code x = ln σ̂} where {@code σ̂²} is the mean over the
 * last {@code window} bars of a per-bar variance estimate:
 *
 * <ul>
 *   <li>{@link Estimator#GARMAN_KLASS} (default): {@code ½ [ln(H/L)]² − (2 ln 2 − 1) [ln(C/O)]²}
 *       per bar (Garman &amp; Klass, "On the Estimation of Security Price Volatilities from
 *       Historical Data", Journal of Business 53(1), 1980, in its usual practical form). It uses
 *       the bar's range as well as its return, so for Brownian prices it has about a seventh of the
 *       variance of the close-to-close estimate; on the engine's synthetic bars the standard
 *       deviation of {@code x} within a regime, with 15 bars, is 0.115 against 0.19 close to close,
 *       which is what lets a short window (fast detection) still separate volatilities only 1.5
 *       times apart. It never goes negative ({@code ln(H/L) ≥ |ln(C/O)|}) but ignores the jump from
 *       the previous close to the open, so it understates volatility on gapping (e.g. daily equity)
 *       bars.
 *   <li>{@link Estimator#CLOSE_TO_CLOSE}: the sample variance (Bessel-corrected) of the last {@code
 *       window} log returns {@code ln(C_t / C_{t−1})}; one bar more of warm-up.
 * </ul>
 *
 * <p><b>Trailing distribution.</b> The last {@code trailingWindow} values of {@code x} are kept in
 * a histogram of {@value #BIN_WIDTH}-wide bins of {@code ln σ̂} (2 % of volatility; values below
 * {@value #LOG_VOLATILITY_FLOOR} or above {@value #LOG_VOLATILITY_CEILING} fall in the edge bins).
 * Every {@code refitInterval} bars the two thresholds {@code t₁ < t₂} are drawn from it by one of
 * two {@link Thresholds methods}:
 *
 * <ul>
 *   <li>{@link Thresholds#MIXTURE} (default): a three-component Gaussian mixture with one shared
 *       variance is fitted to the histogram by EM (Dempster, Laird &amp; Rubin, JRSS B 39(1),
 *       1977), started from Otsu's three-class split of the histogram (Otsu, "A Threshold Selection
 *       Method from Gray-Level Histograms", IEEE Trans. SMC 9(1), 1979). The thresholds are the
 *       midpoints between adjacent component means, where two components of equal variance are
 *       equally likely. The variance is shared because the sampling noise of {@code ln σ̂} does not
 *       depend on the level of σ. A fit is accepted only if every component carries at least {@code
 *       minimumWeight} of the window and adjacent means are separated by at least {@code
 *       minimumSeparation} in Ashman's D, {@code |μᵢ − μⱼ| / σ} for a shared σ (Ashman, Bird &amp;
 *       Zepf, "Detecting bimodality in astronomical datasets", Astronomical Journal 108, 1994: D
 *       &gt; 2 for a clean separation). A rejected fit keeps the last accepted thresholds: a
 *       trailing window that happens to miss a regime cannot place that regime's threshold, and one
 *       without any distinct regimes (constant volatility) never gets thresholds, so its regime
 *       stays {@code NORMAL}. Until the first accepted fit every bar is {@code NORMAL}. The same
 *       holds for a real market whose volatility varies continuously rather than in levels: on the
 *       9,400 1-minute BTC bars of the test data (trailing window 4,700) no fit is accepted and the
 *       regime stays {@code NORMAL}, where {@code PERCENTILES} classifies relative to the history.
 *       The choice is what a regime should mean: a distinct level ({@code MIXTURE}) or a rank
 *       ({@code PERCENTILES}).
 *   <li>{@link Thresholds#PERCENTILES}: the {@code lowerPercentile} and {@code upperPercentile}
 *       percentiles of the window, linearly interpolated within a bin. This is the usual
 *       construction for markets whose volatility has no discrete levels; but the thresholds move
 *       with the mix of regimes in the window and fall inside a level when the mix differs from the
 *       percentiles, so on regime-switching data it flips far too often (see the report in the
 *       tests), and on constant volatility it flips by construction.
 * </ul>
 *
 * <p><b>Hysteresis and dwell.</b> With the current regime's band {@code [lo, hi)} ({@code LOW}:
 * below {@code t₁}, {@code NORMAL}: {@code [t₁, t₂)}, {@code HIGH}: from {@code t₂}), a bar only
 * points elsewhere when {@code x < lo − hysteresis} or {@code x ≥ hi + hysteresis}, and then to the
 * band {@code x} lies in; the regime changes when the same other regime is pointed to on {@code
 * confirmationBars} consecutive bars. The first regime, at the end of the warm-up, is the band
 * {@code x} lies in.
 *
 * <p><b>Warm-up.</b> No regime before {@code window + trailingWindow − 1} bars (one more close to
 * close): {@code x} needs {@code window} bars (returns), and the trailing window must be full
 * before the first thresholds are drawn. With the defaults that is 20,014 bars, two weeks of
 * 1-minute bars.
 *
 * <p><b>Parameters</b> ({@link Settings}; defaults in {@link Settings#DEFAULTS}, sized for 1-minute
 * bars and checked on {@link io.backtest.engine.data.SyntheticBars#DEFAULT_REGIMES}, whose regimes
 * last 1,500–3,000 bars and whose volatilities are 0.0004, 0.0006 and 0.0020 a bar):
 *
 * <ul>
 *   <li>{@code estimator}, default {@code GARMAN_KLASS}: see above.
 *   <li>{@code window}, default 15 bars: bars in one volatility estimate. Shorter detects sooner
 *       but is noisier; 15 keeps the median detection delay near 15 bars while the noise of {@code
 *       x} (0.115) stays under a third of the gap between 0.0004 and 0.0006 ({@code ln 1.5 =
 *       0.405}).
 *   <li>{@code trailingWindow}, default 20,000 bars: history the thresholds come from. It must span
 *       several visits to every regime (about nine regime runs with the defaults), or a regime
 *       missing from it cannot get a threshold.
 *   <li>{@code refitInterval}, default 200 bars: bars between threshold fits. The thresholds move
 *       slowly (the window is 100 times longer), and a fit costs a few hundred thousand operations,
 *       so refitting every bar would only cost time.
 *   <li>{@code thresholds}, default {@code MIXTURE}: see above.
 *   <li>{@code lowerPercentile}, {@code upperPercentile}, defaults 25 and 75: the percentiles of
 *       {@code PERCENTILES}; unused by {@code MIXTURE}.
 *   <li>{@code minimumSeparation}, default 2: least Ashman's D between adjacent mixture components
 *       for a fit to count (Ashman et al.'s criterion). On constant volatility the best split of
 *       the one cluster in three reaches about 1.5; the default regimes give 3.3 between sideways
 *       and bull-quiet and 10 between bull-quiet and bear-volatile.
 *   <li>{@code minimumWeight}, default 0.02: least share of the trailing window per component (400
 *       bars with the defaults), so that the estimates of windows straddling two regimes (about
 *       {@code window} per change) do not make a component of their own, while a regime visited
 *       only briefly within the trailing window (5 % of it happens with the defaults) still counts.
 *   <li>{@code hysteresis}, default 0.2 in {@code ln σ̂} (volatility 22 % past a threshold): with
 *       thresholds midway between regimes 0.405 apart, a regime's estimates must then stray 0.405,
 *       3.5 times their noise of 0.115, to point elsewhere.
 *   <li>{@code confirmationBars}, default 4: consecutive bars a new regime must be pointed to. The
 *       estimates of neighbouring bars share {@code window − 1} bars, so a single noisy bar moves
 *       several of them; four is a short dwell that removes most such excursions for a delay of
 *       three bars.
 * </ul>
 *
 * <p>Per bar the work is constant except at a refit, which costs O(B²) for the B occupied bins
 * (Otsu) plus O(B) per EM iteration. Not thread-safe.
 */
public final class VolatilityRegimeDetector implements RegimeDetector<VolatilityRegime> {

  /** The name carried by this detector's changes. */
  public static final String NAME = "volatility";

  /** Histogram bin width in {@code ln σ̂}. */
  public static final double BIN_WIDTH = 0.02;

  /** Lower edge of the histogram in {@code ln σ̂} (a volatility of 2e-9 a bar). */
  public static final double LOG_VOLATILITY_FLOOR = -20;

  /** Upper edge of the histogram in {@code ln σ̂} (a volatility of 1 a bar). */
  public static final double LOG_VOLATILITY_CEILING = 0;

  private static final int BINS =
      (int) Math.round((LOG_VOLATILITY_CEILING - LOG_VOLATILITY_FLOOR) / BIN_WIDTH);
  private static final int MAX_EM_ITERATIONS = 200;
  private static final double EM_TOLERANCE = 1e-7;
  private static final double GARMAN_KLASS_RETURN_WEIGHT = 2 * Math.log(2) - 1;

  /** How a bar's variance is estimated. */
  public enum Estimator {
    /** Garman–Klass from open, high, low and close of each bar. */
    GARMAN_KLASS,
    /** Sample variance of close-to-close log returns. */
    CLOSE_TO_CLOSE
  }

  /** How the two thresholds are drawn from the trailing distribution. */
  public enum Thresholds {
    /** Midpoints between the means of a three-component Gaussian mixture, when well separated. */
    MIXTURE,
    /** Two percentiles of the trailing distribution. */
    PERCENTILES
  }

  /**
   * The detector's parameters; each is described in the {@link VolatilityRegimeDetector class
   * documentation}.
   *
   * @param estimator per-bar variance estimate
   * @param window bars per volatility estimate, at least 2
   * @param trailingWindow volatility estimates the thresholds are drawn from, at least 100
   * @param refitInterval bars between threshold fits, at least 1
   * @param thresholds how the thresholds are drawn
   * @param lowerPercentile percentile of the lower threshold ({@code PERCENTILES}), in (0, 100)
   * @param upperPercentile percentile of the upper threshold ({@code PERCENTILES}), above the lower
   *     one and below 100
   * @param minimumSeparation least Ashman's D between adjacent components ({@code MIXTURE}), &gt; 0
   * @param minimumWeight least weight of a component ({@code MIXTURE}), in [0, 1/3)
   * @param hysteresis margin past a threshold in {@code ln σ̂}, at least 0
   * @param confirmationBars consecutive bars confirming a change, at least 1
   */
  public record Settings(
      Estimator estimator,
      int window,
      int trailingWindow,
      int refitInterval,
      Thresholds thresholds,
      double lowerPercentile,
      double upperPercentile,
      double minimumSeparation,
      double minimumWeight,
      double hysteresis,
      int confirmationBars) {

    /** The defaults argued for in the class documentation. */
    public static final Settings DEFAULTS =
        new Settings(
            Estimator.GARMAN_KLASS, 15, 20_000, 200, Thresholds.MIXTURE, 25, 75, 2, 0.02, 0.2, 4);

    /** Checks every parameter against its documented range. */
    public Settings {
      Objects.requireNonNull(estimator, "estimator");
      Objects.requireNonNull(thresholds, "thresholds");
      if (window < 2) {
        throw new IllegalArgumentException("window must be >= 2 but was " + window);
      }
      if (trailingWindow < 100) {
        throw new IllegalArgumentException(
            "trailingWindow must be >= 100 but was " + trailingWindow);
      }
      if (refitInterval < 1) {
        throw new IllegalArgumentException("refitInterval must be >= 1 but was " + refitInterval);
      }
      if (!(lowerPercentile > 0 && lowerPercentile < upperPercentile && upperPercentile < 100)) {
        throw new IllegalArgumentException(
            "percentiles must satisfy 0 < lower < upper < 100 but were "
                + lowerPercentile
                + " and "
                + upperPercentile);
      }
      if (!(minimumSeparation > 0) || !Double.isFinite(minimumSeparation)) {
        throw new IllegalArgumentException(
            "minimumSeparation must be > 0 but was " + minimumSeparation);
      }
      if (!(minimumWeight >= 0 && minimumWeight < 1.0 / 3)) {
        throw new IllegalArgumentException(
            "minimumWeight must be in [0, 1/3) but was " + minimumWeight);
      }
      if (!(hysteresis >= 0) || !Double.isFinite(hysteresis)) {
        throw new IllegalArgumentException("hysteresis must be >= 0 but was " + hysteresis);
      }
      if (confirmationBars < 1) {
        throw new IllegalArgumentException(
            "confirmationBars must be >= 1 but was " + confirmationBars);
      }
    }

    /** These settings with another estimator and window. */
    public Settings withEstimator(Estimator newEstimator, int newWindow) {
      return new Settings(
          newEstimator,
          newWindow,
          trailingWindow,
          refitInterval,
          thresholds,
          lowerPercentile,
          upperPercentile,
          minimumSeparation,
          minimumWeight,
          hysteresis,
          confirmationBars);
    }

    /** These settings with percentile thresholds at the given percentiles. */
    public Settings withPercentiles(double lower, double upper) {
      return new Settings(
          estimator,
          window,
          trailingWindow,
          refitInterval,
          Thresholds.PERCENTILES,
          lower,
          upper,
          minimumSeparation,
          minimumWeight,
          hysteresis,
          confirmationBars);
    }

    /** These settings with another trailing window. */
    public Settings withTrailingWindow(int newTrailingWindow) {
      return new Settings(
          estimator,
          window,
          newTrailingWindow,
          refitInterval,
          thresholds,
          lowerPercentile,
          upperPercentile,
          minimumSeparation,
          minimumWeight,
          hysteresis,
          confirmationBars);
    }

    /** These settings with another hysteresis and confirmation. */
    public Settings withHysteresis(double newHysteresis, int newConfirmationBars) {
      return new Settings(
          estimator,
          window,
          trailingWindow,
          refitInterval,
          thresholds,
          lowerPercentile,
          upperPercentile,
          minimumSeparation,
          minimumWeight,
          newHysteresis,
          newConfirmationBars);
    }
  }

  private final Settings settings;

  // the per-bar variance terms (Garman–Klass) or log returns (close to close) in the window
  private final double[] terms;
  private int termCount;
  private int termNext;
  private double termSum;
  private double termSumSquares;
  private double previousClose = Double.NaN;

  // the trailing distribution: the bins of the last trailingWindow values, and their histogram
  private final int[] trailingBins;
  private final int[] histogram = new int[BINS];
  private int trailingCount;
  private int trailingNext;

  private long barCount;
  private int barsSinceFit;
  private double logVolatility = Double.NaN;
  private double lowerThreshold = Double.NaN;
  private double upperThreshold = Double.NaN;

  private final RegimeConfirmation<VolatilityRegime> regime;

  /** A detector with {@link Settings#DEFAULTS}. */
  public VolatilityRegimeDetector() {
    this(Settings.DEFAULTS);
  }

  /** A detector with the given settings. */
  public VolatilityRegimeDetector(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.regime = new RegimeConfirmation<>(settings.confirmationBars());
    this.terms = new double[settings.window()];
    this.trailingBins = new int[settings.trailingWindow()];
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The settings in use. */
  public Settings settings() {
    return settings;
  }

  @Override
  public long barCount() {
    return barCount;
  }

  @Override
  public long warmUpBars() {
    int returnsNeedOneMore = settings.estimator() == Estimator.CLOSE_TO_CLOSE ? 1 : 0;
    return (long) settings.window() + settings.trailingWindow() - 1 + returnsNeedOneMore;
  }

  @Override
  public Optional<VolatilityRegime> current() {
    return Optional.ofNullable(regime.current());
  }

  /** The latest realised volatility per bar, {@code σ̂}; NaN until {@code window} bars are in. */
  public double realisedVolatility() {
    return Math.exp(logVolatility);
  }

  /** The threshold between {@code LOW} and {@code NORMAL} as a volatility; NaN while none. */
  public double lowerThreshold() {
    return Math.exp(lowerThreshold);
  }

  /** The threshold between {@code NORMAL} and {@code HIGH} as a volatility; NaN while none. */
  public double upperThreshold() {
    return Math.exp(upperThreshold);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a price of the bar is not a positive finite number
   */
  @Override
  public Optional<RegimeChange<VolatilityRegime>> update(OhlcvBar bar) {
    Objects.requireNonNull(bar, "bar");
    requirePositive(bar.open(), "open");
    requirePositive(bar.high(), "high");
    requirePositive(bar.low(), "low");
    requirePositive(bar.close(), "close");
    long index = barCount++;
    logVolatility = nextLogVolatility(bar);
    if (Double.isNaN(logVolatility)) {
      return Optional.empty();
    }
    addToTrailing(logVolatility);
    if (trailingCount < trailingBins.length) {
      return Optional.empty();
    }
    if (regime.current() == null || ++barsSinceFit >= settings.refitInterval()) {
      fitThresholds();
      barsSinceFit = 0;
    }
    VolatilityRegime before = regime.current();
    if (!regime.update(before == null ? band(logVolatility) : pointedTo(logVolatility))) {
      return Optional.empty();
    }
    return Optional.of(
        new RegimeChange<>(NAME, before, regime.current(), index, bar.time(), statistics()));
  }

  private static void requirePositive(double price, String name) {
    if (!(price > 0) || !Double.isFinite(price)) {
      throw new IllegalArgumentException(
          name + " must be a positive finite price but was " + price);
    }
  }

  private Map<String, Double> statistics() {
    Map<String, Double> statistics = new LinkedHashMap<>();
    statistics.put("realisedVolatility", realisedVolatility());
    if (!Double.isNaN(lowerThreshold)) {
      statistics.put("lowerThreshold", lowerThreshold());
      statistics.put("upperThreshold", upperThreshold());
    }
    return statistics;
  }

  /** {@code ln σ̂} after this bar, NaN while the window is not full. */
  private double nextLogVolatility(OhlcvBar bar) {
    double term;
    if (settings.estimator() == Estimator.GARMAN_KLASS) {
      double range = Math.log(bar.high() / bar.low());
      double move = Math.log(bar.close() / bar.open());
      term = 0.5 * range * range - GARMAN_KLASS_RETURN_WEIGHT * move * move;
    } else {
      double close = bar.close();
      double previous = previousClose;
      previousClose = close;
      if (Double.isNaN(previous)) {
        return Double.NaN;
      }
      term = Math.log(close / previous);
    }
    int n = terms.length;
    if (termCount == n) {
      double old = terms[termNext];
      termSum -= old;
      termSumSquares -= old * old;
    } else {
      termCount++;
    }
    terms[termNext] = term;
    termSum += term;
    termSumSquares += term * term;
    termNext = (termNext + 1) % n;
    if (termNext == 0) {
      // resum once per window so that the running sums carry no accumulated rounding
      termSum = 0;
      termSumSquares = 0;
      for (int i = 0; i < termCount; i++) {
        termSum += terms[i];
        termSumSquares += terms[i] * terms[i];
      }
    }
    if (termCount < n) {
      return Double.NaN;
    }
    double variance =
        settings.estimator() == Estimator.GARMAN_KLASS
            ? termSum / n
            : (termSumSquares - termSum * termSum / n) / (n - 1);
    // a flat window has no volatility: ln 0 = -infinity, the lowest possible band
    return 0.5 * Math.log(Math.max(variance, 0));
  }

  private void addToTrailing(double x) {
    int bin = bin(x);
    if (trailingCount == trailingBins.length) {
      histogram[trailingBins[trailingNext]]--;
    } else {
      trailingCount++;
    }
    trailingBins[trailingNext] = bin;
    histogram[bin]++;
    trailingNext = (trailingNext + 1) % trailingBins.length;
  }

  private static int bin(double x) {
    if (!(x > LOG_VOLATILITY_FLOOR)) {
      return 0;
    }
    return (int) Math.min(BINS - 1, Math.floor((x - LOG_VOLATILITY_FLOOR) / BIN_WIDTH));
  }

  private static double binCentre(int bin) {
    return LOG_VOLATILITY_FLOOR + (bin + 0.5) * BIN_WIDTH;
  }

  /** The band {@code x} lies in; {@code NORMAL} while there are no thresholds. */
  private VolatilityRegime band(double x) {
    if (Double.isNaN(lowerThreshold)) {
      return VolatilityRegime.NORMAL;
    }
    if (x < lowerThreshold) {
      return VolatilityRegime.LOW;
    }
    return x < upperThreshold ? VolatilityRegime.NORMAL : VolatilityRegime.HIGH;
  }

  /** The regime this bar points to: the current one unless {@code x} is clear of its band. */
  private VolatilityRegime pointedTo(double x) {
    if (Double.isNaN(lowerThreshold)) {
      return VolatilityRegime.NORMAL;
    }
    double lo =
        switch (regime.current()) {
          case LOW -> Double.NEGATIVE_INFINITY;
          case NORMAL -> lowerThreshold;
          case HIGH -> upperThreshold;
        };
    double hi =
        switch (regime.current()) {
          case LOW -> lowerThreshold;
          case NORMAL -> upperThreshold;
          case HIGH -> Double.POSITIVE_INFINITY;
        };
    double h = settings.hysteresis();
    return x < lo - h || x >= hi + h ? band(x) : regime.current();
  }

  private void fitThresholds() {
    if (settings.thresholds() == Thresholds.PERCENTILES) {
      lowerThreshold = percentile(settings.lowerPercentile());
      upperThreshold = percentile(settings.upperPercentile());
      return;
    }
    double[] fitted = fitMixture();
    if (fitted != null) {
      lowerThreshold = fitted[0];
      upperThreshold = fitted[1];
    }
  }

  /** The p-th percentile of the trailing window, linear within its bin. */
  private double percentile(double p) {
    double target = p / 100 * trailingCount;
    double below = 0;
    for (int b = 0; b < BINS; b++) {
      int count = histogram[b];
      if (count > 0 && below + count >= target) {
        return LOG_VOLATILITY_FLOOR + (b + (target - below) / count) * BIN_WIDTH;
      }
      below += count;
    }
    return LOG_VOLATILITY_CEILING;
  }

  /**
   * Fits the shared-variance three-component mixture to the histogram and returns the two
   * thresholds, or null when the fit fails the separation or weight test.
   */
  private double[] fitMixture() {
    int first = 0;
    while (histogram[first] == 0) {
      first++;
    }
    int last = BINS - 1;
    while (histogram[last] == 0) {
      last--;
    }
    int m = last - first + 1;
    if (m < 3) {
      return null;
    }
    double[] x = new double[m];
    double[] c = new double[m];
    for (int i = 0; i < m; i++) {
      x[i] = binCentre(first + i);
      c[i] = histogram[first + i];
    }
    double[] mixture = MixtureFit.fit(x, c);
    if (mixture == null) {
      return null;
    }
    double mean0 = mixture[0];
    double mean1 = mixture[1];
    double mean2 = mixture[2];
    double sigma = Math.sqrt(mixture[3]);
    double leastWeight = Math.min(mixture[4], Math.min(mixture[5], mixture[6]));
    boolean separated =
        (mean1 - mean0) / sigma >= settings.minimumSeparation()
            && (mean2 - mean1) / sigma >= settings.minimumSeparation();
    if (!separated || leastWeight < settings.minimumWeight()) {
      return null;
    }
    return new double[] {(mean0 + mean1) / 2, (mean1 + mean2) / 2};
  }

  /** Otsu start and EM fit of a shared-variance three-component Gaussian mixture to a histogram. */
  static final class MixtureFit {
    private MixtureFit() {}

    /**
     * Fits the mixture to points {@code x} (ascending) with counts {@code c}.
     *
     * @return {@code [μ₀, μ₁, μ₂, σ², w₀, w₁, w₂]} with ascending means, or null when a component
     *     loses all its weight
     */
    static double[] fit(double[] x, double[] c) {
      int m = x.length;
      int[] split = otsu(x, c);
      if (split == null) {
        return null;
      }
      double[] mean = new double[3];
      double[] weight = new double[3];
      double total = 0;
      for (double count : c) {
        total += count;
      }
      double within = 0;
      int[] from = {0, split[0] + 1, split[1] + 1};
      int[] to = {split[0], split[1], m - 1};
      for (int k = 0; k < 3; k++) {
        double n = 0;
        double s = 0;
        for (int i = from[k]; i <= to[k]; i++) {
          n += c[i];
          s += c[i] * x[i];
        }
        mean[k] = s / n;
        weight[k] = n / total;
        for (int i = from[k]; i <= to[k]; i++) {
          double d = x[i] - mean[k];
          within += c[i] * d * d;
        }
      }
      // the binning alone gives a variance of width²/12: the floor keeps EM off a single bin
      double floor = BIN_WIDTH * BIN_WIDTH / 12;
      double variance = Math.max(within / total, floor);
      double[] e = new double[3];
      for (int iteration = 0; iteration < MAX_EM_ITERATIONS; iteration++) {
        double[] n = new double[3];
        double[] d1 = new double[3];
        double[] d2 = new double[3];
        double[] logWeight = new double[3];
        for (int k = 0; k < 3; k++) {
          logWeight[k] = Math.log(weight[k]);
        }
        for (int i = 0; i < m; i++) {
          if (c[i] == 0) {
            continue;
          }
          double max = Double.NEGATIVE_INFINITY;
          for (int k = 0; k < 3; k++) {
            double d = x[i] - mean[k];
            e[k] = logWeight[k] - d * d / (2 * variance);
            max = Math.max(max, e[k]);
          }
          double sum = 0;
          for (int k = 0; k < 3; k++) {
            e[k] = Math.exp(e[k] - max);
            sum += e[k];
          }
          for (int k = 0; k < 3; k++) {
            double r = c[i] * e[k] / sum;
            double d = x[i] - mean[k];
            n[k] += r;
            d1[k] += r * d;
            d2[k] += r * d * d;
          }
        }
        double shift = 0;
        double sumSquares = 0;
        for (int k = 0; k < 3; k++) {
          if (!(n[k] > 0)) {
            return null;
          }
          double step = d1[k] / n[k];
          mean[k] += step;
          shift = Math.max(shift, Math.abs(step));
          // Σ r (x − μ_new)² from sums about the old mean
          sumSquares += d2[k] - d1[k] * d1[k] / n[k];
          weight[k] = n[k] / total;
        }
        variance = Math.max(sumSquares / total, floor);
        if (shift < EM_TOLERANCE) {
          break;
        }
      }
      Integer[] order = {0, 1, 2};
      Arrays.sort(order, (a, b) -> Double.compare(mean[a], mean[b]));
      return new double[] {
        mean[order[0]],
        mean[order[1]],
        mean[order[2]],
        variance,
        weight[order[0]],
        weight[order[1]],
        weight[order[2]]
      };
    }

    /**
     * Otsu's three-class split: the last indices {@code i < j} of the first two classes that
     * maximise the between-class variance, i.e. {@code Σ S_k² / N_k} over the classes' count {@code
     * N_k} and sum {@code S_k}, with every class non-empty; null when no such split exists (fewer
     * than three occupied points).
     */
    static int[] otsu(double[] x, double[] c) {
      int m = x.length;
      double[] n = new double[m + 1];
      double[] s = new double[m + 1];
      for (int i = 0; i < m; i++) {
        n[i + 1] = n[i] + c[i];
        s[i + 1] = s[i] + c[i] * x[i];
      }
      double total = n[m];
      double sum = s[m];
      double best = Double.NEGATIVE_INFINITY;
      int[] split = {0, 1};
      for (int i = 0; i < m - 2; i++) {
        double n0 = n[i + 1];
        if (n0 == 0) {
          continue;
        }
        double part0 = s[i + 1] * s[i + 1] / n0;
        for (int j = i + 1; j < m - 1; j++) {
          double n1 = n[j + 1] - n0;
          double n2 = total - n[j + 1];
          if (n1 == 0 || n2 == 0) {
            continue;
          }
          double s1 = s[j + 1] - s[i + 1];
          double s2 = sum - s[j + 1];
          double score = part0 + s1 * s1 / n1 + s2 * s2 / n2;
          if (score > best) {
            best = score;
            split[0] = i;
            split[1] = j;
          }
        }
      }
      return best == Double.NEGATIVE_INFINITY ? null : split;
    }
  }
}
