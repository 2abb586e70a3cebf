package io.backtest.engine.indicator;

import io.backtest.engine.data.BarArrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The indicator series of one bar series, computed lazily and cached per (indicator, parameters):
 * the candidates and walk-forward folds of a dataset share one instance, so e.g. {@code sma(50)} is
 * computed once however many strategies read it.
 *
 * <p>Every series has one value per bar of the full series, and each value equals what the ta4j
 * {@code DoubleNum} indicator named in the method's javadoc returns at that index (ta4j 0.22.2),
 * because it is computed with the same formula in the same floating-point operation order: cross
 * rules compare values exactly, and a one-ulp difference could move a trade. Where ta4j returns
 * {@code NaN} (its warm-up bars) the array holds {@link Double#NaN}.
 *
 * <p>Causal: the value at {@code i} depends only on bars {@code 0..i}.
 *
 * <p>Thread-safe: the cache is a {@link ConcurrentHashMap}; two threads asking for the same missing
 * series may both compute it, and both get the same values. The returned arrays are shared and must
 * not be modified. Memory grows with the number of distinct (indicator, parameters) pairs asked
 * for: about {@code 8 × bars} bytes each.
 */
public final class IndicatorSet {

  private final BarArrays bars;
  private final ConcurrentHashMap<Key, double[]> cache = new ConcurrentHashMap<>();

  private record Key(String indicator, int a, int b, int c, double d) {}

  /** An empty cache over {@code bars}. */
  public IndicatorSet(BarArrays bars) {
    this.bars = Objects.requireNonNull(bars, "bars");
  }

  /** The bars the indicators are computed on. */
  public BarArrays bars() {
    return bars;
  }

  /** Number of bars. */
  public int size() {
    return bars.size();
  }

  /** The closes (read-only). */
  public double[] close() {
    return bars.close();
  }

  /** Number of cached series, for tests and monitoring. */
  public int cachedSeries() {
    return cache.size();
  }

  // computeIfAbsent must not touch the map from inside its function (ConcurrentHashMap forbids
  // recursive updates), so callers fetch the series a computation depends on first.
  private double[] cached(Key key, Supplier<double[]> compute) {
    double[] values = cache.get(key);
    if (values == null) {
      values = compute.get();
      double[] raced = cache.putIfAbsent(key, values);
      if (raced != null) {
        values = raced;
      }
    }
    return values;
  }

  private static void requirePeriod(String what, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(what + " period must be >= 1 but was " + n);
    }
  }

  /**
   * Simple moving average of the close, as ta4j's {@code SMAIndicator(close, n)} read in index
   * order: a running sum {@code s_i = s_{i−1} + x_i (− x_{i−n} once i ≥ n)} divided by {@code
   * min(n, i + 1)}.
   *
   * <p>ta4j's {@code RunningTotalIndicator} keeps that running sum when its values are requested in
   * index order and re-sums the window otherwise, so its low bits depend on the access order; the
   * reference strategies therefore read their SMAs once in index order when built (see {@code
   * AbstractStrategyTemplate#primed}), making this the one definition both sides use.
   */
  public double[] sma(int n) {
    requirePeriod("sma", n);
    return cached(new Key("sma", n, 0, 0, 0), () -> sma(bars.close(), n));
  }

  static double[] sma(double[] x, int n) {
    double[] out = new double[x.length];
    double sum = 0;
    // The same sums and divisions as one loop over min(n, i + 1), split where the window fills so
    // that the long second loop has no branch and a constant divisor.
    int warm = Math.min(n, x.length);
    for (int i = 0; i < warm; i++) {
      sum = sum + x[i];
      out[i] = sum / (i + 1);
    }
    double window = n;
    for (int i = warm; i < x.length; i++) {
      sum = sum + x[i];
      sum = sum - x[i - n];
      out[i] = sum / window;
    }
    return out;
  }

  /**
   * Exponential moving average of the close, as ta4j's {@code EMAIndicator(close, n)}: NaN for the
   * first {@code n} bars, {@code close[n]} at bar {@code n}, then {@code prev + (x − prev) × 2/(n +
   * 1)}.
   */
  public double[] ema(int n) {
    requirePeriod("ema", n);
    return cached(new Key("ema", n, 0, 0, 0), () -> ema(bars.close(), n, 2.0 / (n + 1)));
  }

  /**
   * ta4j's {@code AbstractEMAIndicator} recursion with unstable count {@code n}: NaN before bar
   * {@code n} or where the input is NaN, restart at the input after a NaN, else {@code prev + (x −
   * prev) × multiplier}. {@code EMAIndicator} uses {@code 2/(n+1)}, {@code MMAIndicator} {@code
   * 1/n}.
   */
  static double[] ema(double[] x, int n, double multiplier) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (i < n || Double.isNaN(x[i])) {
        out[i] = Double.NaN;
      } else if (Double.isNaN(out[i - 1])) {
        out[i] = x[i];
      } else {
        double prev = out[i - 1];
        out[i] = prev + (x[i] - prev) * multiplier;
      }
    }
    return out;
  }

  /**
   * Relative strength index of the close, as ta4j's {@code RSIIndicator(close, n)}: Wilder's
   * averages ({@code MMAIndicator}, multiplier {@code 1/n}) of the gains and losses, {@code 100 −
   * 100 / (1 + gain/loss)}; 100 when the average loss is 0 (0 when both are), NaN for the first
   * {@code n} bars.
   */
  public double[] rsi(int n) {
    requirePeriod("rsi", n);
    return cached(new Key("rsi", n, 0, 0, 0), () -> rsi(bars.close(), n));
  }

  private static double[] rsi(double[] x, int n) {
    double[] gain = new double[x.length];
    double[] loss = new double[x.length];
    for (int i = 1; i < x.length; i++) {
      gain[i] = Double.compare(x[i], x[i - 1]) > 0 ? x[i] - x[i - 1] : 0;
      loss[i] = Double.compare(x[i], x[i - 1]) < 0 ? x[i - 1] - x[i] : 0;
    }
    double multiplier = 1.0 / n;
    double[] averageGain = ema(gain, n, multiplier);
    double[] averageLoss = ema(loss, n, multiplier);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double g = averageGain[i];
      double l = averageLoss[i];
      if (i < n || Double.isNaN(g) || Double.isNaN(l)) {
        out[i] = Double.NaN;
      } else if (l == 0) {
        out[i] = g == 0 ? 0 : 100;
      } else {
        out[i] = 100.0 - 100.0 / (1.0 + g / l);
      }
    }
    return out;
  }

  /**
   * Population standard deviation of the close over the last {@code n} bars (fewer at the start),
   * as ta4j's {@code StandardDeviationIndicator(close, n)} (the Bollinger-band deviation): {@code
   * sqrt(Σ (x_j − sma_i)² / count)} summed in index order, {@code sma_i} being {@link #sma(int)}.
   */
  public double[] stddev(int n) {
    requirePeriod("stddev", n);
    double[] mean = sma(n);
    return cached(
        new Key("stddev", n, 0, 0, 0),
        () -> {
          double[] x = bars.close();
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            int start = Math.max(0, i - n + 1);
            double average = mean[i];
            double variance = 0;
            for (int j = start; j <= i; j++) {
              // ta4j: value.minus(average).pow(2), i.e. Math.pow(d, 2).
              variance = variance + Math.pow(x[j] - average, 2);
            }
            variance = variance / (i - start + 1);
            out[i] = variance < 0 ? Double.NaN : Math.sqrt(variance);
          }
          return out;
        });
  }

  /**
   * Upper Bollinger band, as ta4j's {@code BollingerBandsUpperIndicator(middle = SMA(n), stddev(n),
   * k)}: {@code sma + stddev × k}.
   */
  public double[] bollingerUpper(int n, double k) {
    double[] middle = sma(n);
    double[] deviation = stddev(n);
    return cached(
        new Key("bollingerUpper", n, 0, 0, k),
        () -> {
          double[] out = new double[middle.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = middle[i] + deviation[i] * k;
          }
          return out;
        });
  }

  /**
   * Lower Bollinger band, as ta4j's {@code BollingerBandsLowerIndicator}: {@code sma − stddev × k}.
   */
  public double[] bollingerLower(int n, double k) {
    double[] middle = sma(n);
    double[] deviation = stddev(n);
    return cached(
        new Key("bollingerLower", n, 0, 0, k),
        () -> {
          double[] out = new double[middle.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = middle[i] - deviation[i] * k;
          }
          return out;
        });
  }

  /**
   * Highest high of bars {@code i−n+1..i} (fewer at the start), as ta4j's {@code
   * DonchianChannelUpperIndicator(series, n)} ({@code HighestValueIndicator} of the high).
   */
  public double[] highestHigh(int n) {
    requirePeriod("highestHigh", n);
    return cached(new Key("highestHigh", n, 0, 0, 0), () -> extreme(bars.high(), n, true));
  }

  /**
   * Lowest low of bars {@code i−n+1..i} (fewer at the start), as ta4j's {@code
   * DonchianChannelLowerIndicator(series, n)} ({@code LowestValueIndicator} of the low).
   */
  public double[] lowestLow(int n) {
    requirePeriod("lowestLow", n);
    return cached(new Key("lowestLow", n, 0, 0, 0), () -> extreme(bars.low(), n, false));
  }

  /**
   * Sliding maximum or minimum with a monotonic deque of indices (amortised O(1) per bar). A max or
   * min involves no rounding, so any algorithm gives ta4j's values.
   */
  private static double[] extreme(double[] x, int n, boolean highest) {
    double[] out = new double[x.length];
    int[] deque = new int[x.length];
    int head = 0;
    int tail = 0;
    for (int i = 0; i < x.length; i++) {
      while (tail > head && (highest ? x[deque[tail - 1]] <= x[i] : x[deque[tail - 1]] >= x[i])) {
        tail--;
      }
      deque[tail++] = i;
      if (deque[head] <= i - n) {
        head++;
      }
      out[i] = x[deque[head]];
    }
    return out;
  }

  /**
   * Rate of change of the close in percent, as ta4j's {@code ROCIndicator(close, n)}: {@code (x_i −
   * x_j) / x_j × 100} with {@code j = max(i − n, 0)}.
   */
  public double[] roc(int n) {
    requirePeriod("roc", n);
    return cached(
        new Key("roc", n, 0, 0, 0),
        () -> {
          double[] x = bars.close();
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            double past = x[Math.max(i - n, 0)];
            out[i] = (x[i] - past) / past * 100;
          }
          return out;
        });
  }

  /**
   * MACD line of the close, as ta4j's {@code MACDIndicator(close, fast, slow)}: {@code ema(fast) −
   * ema(slow)}, NaN while either is.
   */
  public double[] macd(int fast, int slow) {
    requirePeriod("macd fast", fast);
    requirePeriod("macd slow", slow);
    double[] shortEma = ema(fast);
    double[] longEma = ema(slow);
    return cached(
        new Key("macd", fast, slow, 0, 0),
        () -> {
          double[] out = new double[shortEma.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = shortEma[i] - longEma[i];
          }
          return out;
        });
  }

  /**
   * MACD signal line, as ta4j's {@code MACDIndicator.getSignalLine(signal)} ({@code
   * EMAIndicator(macd, signal)}): the EMA recursion over the MACD line, starting at the first bar
   * {@code >= signal} where the MACD is defined.
   */
  public double[] macdSignal(int fast, int slow, int signal) {
    requirePeriod("macd signal", signal);
    double[] line = macd(fast, slow);
    return cached(
        new Key("macdSignal", fast, slow, signal, 0), () -> ema(line, signal, 2.0 / (signal + 1)));
  }

  /**
   * True range, as ta4j's {@code TRIndicator}: {@code |high − low|} at bar 0, then {@code max(|high
   * − low|, |high − prevClose|, |prevClose − low|)}.
   */
  public double[] trueRange() {
    return cached(
        new Key("tr", 0, 0, 0, 0),
        () -> {
          double[] high = bars.high();
          double[] low = bars.low();
          double[] close = bars.close();
          double[] out = new double[close.length];
          for (int i = 0; i < out.length; i++) {
            double hl = high[i] - low[i];
            if (i == 0) {
              out[i] = Math.abs(hl);
            } else {
              double hc = high[i] - close[i - 1];
              double cl = close[i - 1] - low[i];
              out[i] = Math.max(Math.max(Math.abs(hl), Math.abs(hc)), Math.abs(cl));
            }
          }
          return out;
        });
  }

  /**
   * Average true range, as ta4j's {@code ATRIndicator(series, n)}: Wilder's average ({@code
   * MMAIndicator}, multiplier {@code 1/n}) of the true range; NaN for the first {@code n} bars, the
   * true range at bar {@code n}.
   */
  public double[] atr(int n) {
    requirePeriod("atr", n);
    double[] tr = trueRange();
    return cached(new Key("atr", n, 0, 0, 0), () -> ema(tr, n, 1.0 / n));
  }
}
