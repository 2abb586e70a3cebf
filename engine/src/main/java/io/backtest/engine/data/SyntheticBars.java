package io.backtest.engine.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Synthetic OHLCV bars, the same for the same inputs on every JVM and platform.
 *
 * <p><b>Model.</b> Bar {@code k} opens at {@code start + k x barDuration}; its open is the previous
 * close (the start price for the first bar). In the active regime with per-bar drift {@code mu} and
 * volatility {@code sigma}, the close is {@code open x exp(mu - sigma^2/2 + sigma z1)} (geometric
 * Brownian motion, discretised exactly), the high {@code max(open, close) x exp(sigma |z2| / 2)},
 * the low {@code min(open, close) x exp(-sigma |z3| / 2)} and the volume {@code 1000 x (1 + |z1|) x
 * exp(z4 / 4)}, with {@code z1..z4} independent standard normal draws. So {@code high >= max(open,
 * close)}, {@code low <= min(open, close)} and every value is positive.
 *
 * <p><b>Regimes.</b> {@link #gbm} has one regime and no labels. {@link #regimeSwitching} starts in
 * the first regime listed; before each later bar it leaves the current regime with probability
 * {@code 1 / meanDuration} (so a regime lasts {@code meanDuration} bars on average, geometrically
 * distributed) for one of the other regimes chosen uniformly: a Markov chain whose true state is
 * returned as labels.
 *
 * <p><b>Randomness.</b> SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014; the generator of {@link java.util.SplittableRandom}) seeded with {@code
 * seed}; a uniform is {@code (next >>> 11) x 2^-53}; a normal is Box-Muller's {@code sqrt(-2 ln(1 -
 * u1)) cos(2 pi u2)} from two uniforms, with {@link StrictMath} so that every JVM computes the same
 * bits. Draws per bar, in order: the switch uniform and, when switching, the choice uniform
 * (regime-switching only), then {@code z1, z2, z3, z4}.
 */
public final class SyntheticBars {
  private static final double BASE_VOLUME = 1000;

  /**
   * A market regime.
   *
   * @param name label, e.g. {@code bull-quiet}
   * @param drift mean log return per bar before the volatility correction ({@code mu})
   * @param volatility standard deviation of the log return per bar ({@code sigma})
   * @param meanDuration mean length in bars, at least 1
   */
  public record Regime(String name, double drift, double volatility, double meanDuration) {
    public Regime {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a regime needs a name");
      }
      if (!Double.isFinite(drift) || Math.abs(drift) > 0.1) {
        throw new IllegalArgumentException(
            "regime " + name + ": drift must be within [-0.1, 0.1] per bar but was " + drift);
      }
      if (!Double.isFinite(volatility) || volatility < 0 || volatility > 0.2) {
        throw new IllegalArgumentException(
            "regime "
                + name
                + ": volatility must be within [0, 0.2] per bar but was "
                + volatility);
      }
      if (!Double.isFinite(meanDuration) || meanDuration < 1) {
        throw new IllegalArgumentException(
            "regime " + name + ": meanDuration must be >= 1 bar but was " + meanDuration);
      }
    }
  }

  /**
   * The default regimes of {@link #regimeSwitching}, sized for 1-minute bars (a volatility of
   * 0.0006 per minute is about 43 % a year, as {@code 0.0006 x sqrt(525600)}). With uniform
   * switching the chain spends time in proportion to the mean durations (6/13, 3/13, 4/13), so the
   * drifts cancel on average ({@code 0.00002 x 6 = 0.00004 x 3}) and long series neither explode
   * nor vanish.
   *
   * <table>
   *   <caption>Default regimes</caption>
   *   <tr><th>name</th><th>drift per bar</th><th>volatility per bar</th><th>mean bars</th></tr>
   *   <tr><td>bull-quiet</td><td>+0.00002</td><td>0.0006</td><td>3000</td></tr>
   *   <tr><td>bear-volatile</td><td>-0.00004</td><td>0.0020</td><td>1500</td></tr>
   *   <tr><td>sideways</td><td>0</td><td>0.0004</td><td>2000</td></tr>
   * </table>
   */
  public static final List<Regime> DEFAULT_REGIMES =
      List.of(
          new Regime("bull-quiet", 0.00002, 0.0006, 3000),
          new Regime("bear-volatile", -0.00004, 0.0020, 1500),
          new Regime("sideways", 0.0, 0.0004, 2000));

  /** Default per-bar drift of {@link #gbm} requests that name none. */
  public static final double DEFAULT_DRIFT = 0.0;

  /** Default per-bar volatility of {@link #gbm} requests that name none. */
  public static final double DEFAULT_VOLATILITY = 0.001;

  /**
   * A run of bars in one regime.
   *
   * @param regime the regime's name
   * @param fromIndex first bar, 0-based
   * @param toIndex last bar, inclusive
   */
  public record RegimeRun(String regime, int fromIndex, int toIndex) {}

  /**
   * Generated bars and their true regimes (run-length encoded, covering every bar; empty for {@link
   * #gbm}).
   */
  public record Generated(List<OhlcvBar> bars, List<RegimeRun> regimes) {}

  /**
   * Where and how a series starts.
   *
   * @param bars number of bars, at least 2
   * @param seed the generator's seed
   * @param start open time of the first bar, a whole second
   * @param barDuration bar length, a positive whole number of seconds
   * @param startPrice open of the first bar, positive
   */
  public record Frame(int bars, long seed, Instant start, Duration barDuration, double startPrice) {
    public Frame {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(barDuration, "barDuration");
      if (bars < 2) {
        throw new IllegalArgumentException("bars must be >= 2 but was " + bars);
      }
      if (start.getNano() != 0) {
        throw new IllegalArgumentException("start must be a whole second but was " + start);
      }
      if (barDuration.isNegative() || barDuration.isZero() || barDuration.getNano() != 0) {
        throw new IllegalArgumentException(
            "barDuration must be a positive whole number of seconds but was " + barDuration);
      }
      if (!Double.isFinite(startPrice) || startPrice <= 0) {
        throw new IllegalArgumentException("startPrice must be > 0 but was " + startPrice);
      }
      // the last bar's time must exist
      start.plus(barDuration.multipliedBy(bars - 1L));
    }
  }

  private SyntheticBars() {}

  /** Geometric Brownian motion with constant per-bar drift and volatility. */
  public static Generated gbm(Frame frame, double drift, double volatility) {
    Regime only = new Regime("gbm", drift, volatility, Double.MAX_VALUE);
    return generate(frame, List.of(only), false);
  }

  /** Geometric Brownian motion whose drift and volatility follow a Markov chain of regimes. */
  public static Generated regimeSwitching(Frame frame, List<Regime> regimes) {
    Objects.requireNonNull(regimes, "regimes");
    if (regimes.isEmpty()) {
      throw new IllegalArgumentException("at least one regime is needed");
    }
    Set<String> names = new HashSet<>();
    for (Regime r : regimes) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("regime " + r.name() + " is defined twice");
      }
    }
    return generate(frame, List.copyOf(regimes), true);
  }

  private static Generated generate(Frame frame, List<Regime> regimes, boolean switching) {
    SplitMix64 random = new SplitMix64(frame.seed());
    List<OhlcvBar> bars = new ArrayList<>(frame.bars());
    List<RegimeRun> runs = new ArrayList<>();
    int current = 0;
    int runStart = 0;
    long step = frame.barDuration().getSeconds();
    long start = frame.start().getEpochSecond();
    double open = frame.startPrice();
    for (int k = 0; k < frame.bars(); k++) {
      if (switching && k > 0) {
        double leave = random.nextDouble();
        if (regimes.size() > 1 && leave < 1.0 / regimes.get(current).meanDuration()) {
          runs.add(new RegimeRun(regimes.get(current).name(), runStart, k - 1));
          int other = (int) (random.nextDouble() * (regimes.size() - 1));
          current = other >= current ? other + 1 : other;
          runStart = k;
        }
      }
      Regime regime = regimes.get(current);
      double mu = regime.drift();
      double sigma = regime.volatility();
      double z1 = random.nextGaussian();
      double z2 = random.nextGaussian();
      double z3 = random.nextGaussian();
      double z4 = random.nextGaussian();
      double close = open * StrictMath.exp(mu - sigma * sigma / 2 + sigma * z1);
      double high = Math.max(open, close) * StrictMath.exp(sigma * Math.abs(z2) / 2);
      double low = Math.min(open, close) * StrictMath.exp(-sigma * Math.abs(z3) / 2);
      double volume = BASE_VOLUME * (1 + Math.abs(z1)) * StrictMath.exp(z4 / 4);
      bars.add(
          new OhlcvBar(Instant.ofEpochSecond(start + k * step), open, high, low, close, volume));
      open = close;
    }
    if (switching) {
      runs.add(new RegimeRun(regimes.get(current).name(), runStart, frame.bars() - 1));
    }
    return new Generated(List.copyOf(bars), List.copyOf(runs));
  }

  /** SplitMix64 as in Vigna's reference {@code splitmix64.c}; documented, so fixed forever. */
  static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long nextLong() {
      long z = (state += 0x9e3779b97f4a7c15L);
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
      return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal by Box-Muller (one of the pair; the other is not used). */
    double nextGaussian() {
      double u1 = 1.0 - nextDouble(); // (0, 1]: the logarithm stays finite
      double u2 = nextDouble();
      return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }
  }
}
