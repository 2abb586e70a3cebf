package io.backtest.engine.live;

import static io.backtest.engine.indicator.Crosses.ge;
import static io.backtest.engine.indicator.Crosses.gt;

import io.backtest.engine.indicator.Crosses;
import io.backtest.engine.indicator.IndicatorSet;

/**
 * The indicators of {@link IndicatorSet} and the cross rules of {@link Crosses}, one bar at a time:
 * each class keeps the state its batch twin carries from index {@code i − 1} to {@code i} (a
 * running sum, the previous average, a window of recent inputs) and, after {@code add(x_i)}, holds
 * exactly the batch value at {@code i}, bit for bit.
 *
 * <p>Bit-identity needs more than the same formula: the same floating-point operations in the same
 * order, and no information the batch code does not have. So
 *
 * <ul>
 *   <li>an SMA keeps the batch's <em>running</em> sum, {@code s_i = (s_{i−1} + x_i) − x_{i−n}}, not
 *       a fresh sum of the window: the running sum carries rounding from every earlier bar, so
 *       re-summing a trailing window would differ in the last bits (and a cross rule compares those
 *       bits);
 *   <li>EMA, Wilder's average (RSI, ATR) and the MACD signal line are recursions with infinite
 *       memory; the recursion itself is the state, updated with the batch's expression {@code prev
 *       + (x − prev) × multiplier} and the batch's multiplier ({@code 2.0 / (n + 1)} or {@code 1.0
 *       / n});
 *   <li>the standard deviation re-sums its window in index order every bar, as the batch does (O(n)
 *       per bar, as in the batch);
 *   <li>highest high and lowest low are exact whatever the algorithm (no rounding): a monotonic
 *       deque, amortised O(1).
 * </ul>
 *
 * <p>Per-bar cost is O(1), or O(n) for the standard deviation; memory is O(n). Not thread-safe.
 * Indices count {@code add} calls from 0, like the batch arrays' indices.
 */
final class StreamingIndicators {

  /** A single-input indicator fed one value a bar. */
  interface Average {
    void add(double x);

    double value();
  }

  private StreamingIndicators() {}

  /** The last {@code capacity} values of a stream, addressed by their stream index. */
  static final class Window {

    private final double[] values;
    private int count;

    Window(int capacity) {
      this.values = new double[capacity];
    }

    /** Appends the value with index {@link #count()}, evicting the oldest one when full. */
    void add(double x) {
      values[count % values.length] = x;
      count++;
    }

    /** The value with stream index {@code i}, one of the last {@code capacity} added. */
    double get(int i) {
      return values[i % values.length];
    }

    /** Values added so far. */
    int count() {
      return count;
    }

    /**
     * The backing ring: stream index {@code i} is at slot {@code i % ring().length}. For loops over
     * the window that step through slots rather than divide per value.
     */
    double[] ring() {
      return values;
    }
  }

  /**
   * {@link IndicatorSet#sma(int)}: running sum divided by {@code min(n, i + 1)}. Keeps the last
   * {@code n} inputs, which {@link StandardDeviation} re-reads.
   */
  static final class Sma implements Average {

    private final int n;
    private final double window;
    private final Window inputs;
    private double sum;
    private double value = Double.NaN;

    Sma(int n) {
      this.n = n;
      this.window = n;
      this.inputs = new Window(n);
    }

    @Override
    public void add(double x) {
      int i = inputs.count();
      // IndicatorSet.sma: "sum = sum + x[i]" then, once the window is full, "sum = sum − x[i − n]".
      sum = sum + x;
      if (i < n) {
        value = sum / (i + 1);
      } else {
        sum = sum - inputs.get(i - n);
        value = sum / window;
      }
      inputs.add(x);
    }

    @Override
    public double value() {
      return value;
    }

    int period() {
      return n;
    }

    Window inputs() {
      return inputs;
    }
  }

  /**
   * {@link IndicatorSet#stddev(int)}: population deviation of the last {@code n} inputs around the
   * SMA's current value, the squares summed in index order with {@code Math.pow(d, 2)} as the batch
   * (and ta4j) does.
   */
  static final class StandardDeviation {

    private final Sma mean;
    private double value = Double.NaN;

    /**
     * Reads {@code mean}'s window and value; call {@link #update()} after each {@code mean.add}.
     */
    StandardDeviation(Sma mean) {
      this.mean = mean;
    }

    void update() {
      Window x = mean.inputs();
      int i = x.count() - 1;
      int start = Math.max(0, i - mean.period() + 1);
      double average = mean.value();
      double variance = 0;
      double[] ring = x.ring();
      int slot = start % ring.length;
      for (int j = start; j <= i; j++) {
        variance = variance + Math.pow(ring[slot] - average, 2);
        if (++slot == ring.length) {
          slot = 0;
        }
      }
      variance = variance / (i - start + 1);
      value = variance < 0 ? Double.NaN : Math.sqrt(variance);
    }

    double value() {
      return value;
    }
  }

  /**
   * The recursion of {@link IndicatorSet}'s {@code ema(x, n, multiplier)} (ta4j's {@code
   * AbstractEMAIndicator}): NaN before index {@code n} or on a NaN input, the input itself after a
   * NaN, else {@code prev + (x − prev) × multiplier}.
   */
  static final class Ema implements Average {

    private final int n;
    private final double multiplier;
    private int i = -1;
    private double value = Double.NaN;

    Ema(int n, double multiplier) {
      this.n = n;
      this.multiplier = multiplier;
    }

    /** ta4j's {@code EMAIndicator(n)}: multiplier {@code 2.0 / (n + 1)}. */
    static Ema exponential(int n) {
      return new Ema(n, 2.0 / (n + 1));
    }

    /** ta4j's {@code MMAIndicator(n)} (Wilder's average): multiplier {@code 1.0 / n}. */
    static Ema wilder(int n) {
      return new Ema(n, 1.0 / n);
    }

    @Override
    public void add(double x) {
      i++;
      if (i < n || Double.isNaN(x)) {
        value = Double.NaN;
      } else if (Double.isNaN(value)) {
        value = x;
      } else {
        double prev = value;
        value = prev + (x - prev) * multiplier;
      }
    }

    @Override
    public double value() {
      return value;
    }
  }

  /**
   * {@link IndicatorSet#rsi(int)}: Wilder's averages of the gains and losses (0 at index 0), {@code
   * 100 − 100 / (1 + gain / loss)}, 100 when the average loss is 0 (0 when both are), NaN before
   * index {@code n}.
   */
  static final class Rsi {

    private final int n;
    private final Ema averageGain;
    private final Ema averageLoss;
    private int i = -1;
    private double previous;
    private double value = Double.NaN;

    Rsi(int n) {
      this.n = n;
      this.averageGain = Ema.wilder(n);
      this.averageLoss = Ema.wilder(n);
    }

    void add(double x) {
      i++;
      double gain = 0;
      double loss = 0;
      if (i > 0) {
        gain = Double.compare(x, previous) > 0 ? x - previous : 0;
        loss = Double.compare(x, previous) < 0 ? previous - x : 0;
      }
      previous = x;
      averageGain.add(gain);
      averageLoss.add(loss);
      double g = averageGain.value();
      double l = averageLoss.value();
      if (i < n || Double.isNaN(g) || Double.isNaN(l)) {
        value = Double.NaN;
      } else if (l == 0) {
        value = g == 0 ? 0 : 100;
      } else {
        value = 100.0 - 100.0 / (1.0 + g / l);
      }
    }

    double value() {
      return value;
    }
  }

  /**
   * {@link IndicatorSet#highestHigh(int)} or {@link IndicatorSet#lowestLow(int)}: the extreme of
   * the last {@code n} inputs (fewer at the start), with a monotonic deque of (index, value) pairs
   * in a ring of {@code n + 1} slots, amortised O(1) per bar.
   */
  static final class Extreme {

    private final int n;
    private final boolean highest;
    private final int[] indices;
    private final double[] values;
    private int head;
    private int size;
    private int i = -1;

    Extreme(int n, boolean highest) {
      this.n = n;
      this.highest = highest;
      this.indices = new int[n + 1];
      this.values = new double[n + 1];
    }

    void add(double x) {
      i++;
      int capacity = indices.length;
      // Drop the tail entries the new value dominates, as IndicatorSet's deque does.
      while (size > 0) {
        double last = values[(head + size - 1) % capacity];
        if (highest ? last <= x : last >= x) {
          size--;
        } else {
          break;
        }
      }
      int slot = (head + size) % capacity;
      indices[slot] = i;
      values[slot] = x;
      size++;
      if (indices[head] <= i - n) {
        head = (head + 1) % capacity;
        size--;
      }
    }

    double value() {
      return values[head];
    }
  }

  /**
   * {@link IndicatorSet#roc(int)}: {@code (x_i − x_j) / x_j × 100} with {@code j = max(i − n, 0)}.
   */
  static final class Roc {

    private final int n;
    private final Window inputs;
    private double first;
    private double value = Double.NaN;

    Roc(int n) {
      this.n = n;
      this.inputs = new Window(n + 1);
    }

    void add(double x) {
      int i = inputs.count();
      if (i == 0) {
        first = x;
      }
      inputs.add(x);
      double past = i - n >= 0 ? inputs.get(i - n) : first;
      value = (x - past) / past * 100;
    }

    double value() {
      return value;
    }
  }

  /**
   * {@link IndicatorSet#atr(int)}: Wilder's average of {@link IndicatorSet#trueRange()}, the true
   * range being {@code |high − low|} at index 0, then {@code max(|high − low|, |high − prevClose|,
   * |prevClose − low|)}.
   */
  static final class Atr {

    private final Ema average;
    private boolean first = true;
    private double previousClose;

    Atr(int n) {
      this.average = Ema.wilder(n);
    }

    void add(double high, double low, double close) {
      double hl = high - low;
      double trueRange;
      if (first) {
        trueRange = Math.abs(hl);
        first = false;
      } else {
        double hc = high - previousClose;
        double cl = previousClose - low;
        trueRange = Math.max(Math.max(Math.abs(hl), Math.abs(hc)), Math.abs(cl));
      }
      previousClose = close;
      average.add(trueRange);
    }

    double value() {
      return average.value();
    }
  }

  /**
   * {@link Crosses#crossings}: whether {@code first} crossed above ({@link #up()}) or below ({@link
   * #down()}) {@code second} at the latest index. The state is the pair of values at the last index
   * {@code j} in {@code [boundary, i − 1]} where the two differed (or {@code j = boundary}): the
   * index ta4j's backward search stops at. Also {@link Crosses#crossedUp(double[], double, int)}
   * when {@code second} is a constant.
   */
  static final class Cross {

    private final int boundary;
    private int i = -1;
    private boolean hasLast;
    private double lastFirst;
    private double lastSecond;
    private boolean up;
    private boolean down;

    /**
     * @param boundary {@code max(unstable(first), unstable(second))} as ta4j counts them
     */
    Cross(int boundary) {
      this.boundary = boundary;
    }

    void add(double first, double second) {
      i++;
      up = false;
      down = false;
      if (i > boundary && hasLast) {
        up = !ge(second, first) && gt(lastSecond, lastFirst);
        down = !ge(first, second) && gt(lastFirst, lastSecond);
      }
      if (i == boundary || (i > boundary && first != second)) {
        lastFirst = first;
        lastSecond = second;
        hasLast = true;
      }
    }

    /** {@code first} crossed above {@code second} at the latest index. */
    boolean up() {
      return up;
    }

    /** {@code first} crossed below {@code second} at the latest index. */
    boolean down() {
      return down;
    }
  }
}
