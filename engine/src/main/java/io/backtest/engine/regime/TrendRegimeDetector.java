package io.backtest.engine.regime;

import io.backtest.engine.data.OhlcvBar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Trend regime of one bar stream from Wilder's directional movement system (Wilder, <i>New Concepts
 * in Technical Trading Systems</i>, 1978, ch. "Directional Movement"): ADX measures how strong a
 * trend is, +DI and −DI which way it goes, giving {@link TrendRegime#TRENDING_UP}, {@link
 * TrendRegime#TRENDING_DOWN} or {@link TrendRegime#RANGING}. O(1) time and memory per bar.
 *
 * <p><b>Indicators</b>, for bar {@code t} with high {@code H}, low {@code L}, close {@code C}:
 *
 * <ul>
 *   <li>true range {@code TR = max(H − L, |H − C₍t−1₎|, |C₍t−1₎ − L|)}, {@code H − L} on the first
 *       bar;
 *   <li>{@code up = H − H₍t−1₎}, {@code down = L₍t−1₎ − L}; {@code +DM = up} if {@code up > down}
 *       and {@code up > 0}, else 0; {@code −DM = down} if {@code down > up} and {@code down > 0},
 *       else 0; both 0 on the first bar;
 *   <li>Wilder's moving average of period n, {@code MMA_t = MMA₍t−1₎ + (v_t − MMA₍t−1₎) / n}, of TR
 *       (ATR), +DM and −DM; {@code +DI = 100 · MMA(+DM) / ATR}, {@code −DI = 100 · MMA(−DM) / ATR}
 *       (0 when ATR is 0);
 *   <li>{@code DX = 100 · |+DI − −DI| / (+DI + −DI)} (0 when the sum is 0) and {@code ADX =
 *       MMA(DX)} of period {@code adxPeriod}.
 * </ul>
 *
 * Seeding follows ta4j 0.22's {@code ADXIndicator} (the engine's reference, matched to 1e-9 in the
 * tests) rather than Wilder's worksheet: each moving average of period n starts at bar n (0-based)
 * from that bar's own value, where Wilder starts from the sum of the first n values. The two differ
 * by a factor {@code (1 − 1/n)^k} after k bars, which is why a warm-up is needed at all.
 *
 * <p><b>Regime.</b> While {@code RANGING}, a bar points to a trend when {@code ADX ≥
 * enterThreshold}, upward if {@code +DI > −DI}, downward if {@code −DI > +DI}. While trending, it
 * points to {@code RANGING} when {@code ADX < exitThreshold}, and to the opposite trend when the
 * opposite DI leads by more than {@code directionMargin}. The regime changes when the same other
 * regime is pointed to on {@code confirmationBars} consecutive bars. The first regime, at the end
 * of the warm-up, is the one pointed to from {@code RANGING}, unconfirmed.
 *
 * <p><b>Warm-up.</b> {@code period + adxPeriod + 2} bars (30 with the defaults): the first regime
 * comes with bar index {@code period + adxPeriod + 1}, the first that ta4j counts as stable for its
 * ADX ({@code getCountOfUnstableBars()}: the directional movement needs a previous bar, its average
 * {@code period} more, the ADX average {@code adxPeriod} more).
 *
 * <p><b>Parameters</b> ({@link Settings}; {@link Settings#DEFAULTS}):
 *
 * <ul>
 *   <li>{@code period}, default 14: Wilder's period for ATR, +DM and −DM.
 *   <li>{@code adxPeriod}, default 14: Wilder's period for averaging DX into ADX.
 *   <li>{@code enterThreshold}, default 25: ADX from which a trend is taken to exist, the usual
 *       reading of ADX above 25 as a trending market.
 *   <li>{@code exitThreshold}, default 20: ADX below which the trend is taken to be over, the usual
 *       reading of ADX below 20 as no trend; the gap between the two is the hysteresis.
 *   <li>{@code directionMargin}, default 5 DI points: lead the opposite DI needs to reverse a trend
 *       directly, so that +DI and −DI crossing back and forth at equal strength do not flip the
 *       direction.
 *   <li>{@code confirmationBars}, default 3: consecutive bars a new regime must be pointed to, a
 *       short dwell against crossings of a bar or two (ADX and the DIs are smoothed over 14 bars,
 *       so a real change holds for longer).
 * </ul>
 *
 * Not thread-safe.
 */
public final class TrendRegimeDetector implements RegimeDetector<TrendRegime> {

  /** The name carried by this detector's changes. */
  public static final String NAME = "trend";

  /**
   * The detector's parameters; each is described in the {@link TrendRegimeDetector class
   * documentation}.
   *
   * @param period Wilder's period of ATR, +DM and −DM, at least 1
   * @param adxPeriod period of the ADX average, at least 1
   * @param enterThreshold ADX from which a trend exists, in (0, 100]
   * @param exitThreshold ADX below which a trend ends, in [0, enterThreshold]
   * @param directionMargin DI lead that reverses a trend, at least 0
   * @param confirmationBars consecutive bars confirming a change, at least 1
   */
  public record Settings(
      int period,
      int adxPeriod,
      double enterThreshold,
      double exitThreshold,
      double directionMargin,
      int confirmationBars) {

    /** Wilder's periods and the conventional ADX levels. */
    public static final Settings DEFAULTS = new Settings(14, 14, 25, 20, 5, 3);

    /** Checks every parameter against its documented range. */
    public Settings {
      if (period < 1 || adxPeriod < 1) {
        throw new IllegalArgumentException(
            "periods must be >= 1 but were " + period + " and " + adxPeriod);
      }
      if (!(enterThreshold > 0 && enterThreshold <= 100)) {
        throw new IllegalArgumentException(
            "enterThreshold must be in (0, 100] but was " + enterThreshold);
      }
      if (!(exitThreshold >= 0 && exitThreshold <= enterThreshold)) {
        throw new IllegalArgumentException(
            "exitThreshold must be in [0, enterThreshold] but was " + exitThreshold);
      }
      if (!(directionMargin >= 0) || !Double.isFinite(directionMargin)) {
        throw new IllegalArgumentException(
            "directionMargin must be >= 0 but was " + directionMargin);
      }
      if (confirmationBars < 1) {
        throw new IllegalArgumentException(
            "confirmationBars must be >= 1 but was " + confirmationBars);
      }
    }
  }

  private final Settings settings;
  private final double multiplier;
  private final double adxMultiplier;
  private final int adxStart;

  private long barCount;
  private double previousHigh;
  private double previousLow;
  private double previousClose;
  private double averageTrueRange = Double.NaN;
  private double averagePlusDm = Double.NaN;
  private double averageMinusDm = Double.NaN;
  private double plusDi = Double.NaN;
  private double minusDi = Double.NaN;
  private double adx = Double.NaN;

  private final RegimeConfirmation<TrendRegime> regime;

  /** A detector with {@link Settings#DEFAULTS}. */
  public TrendRegimeDetector() {
    this(Settings.DEFAULTS);
  }

  /** A detector with the given settings. */
  public TrendRegimeDetector(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.regime = new RegimeConfirmation<>(settings.confirmationBars());
    // as ta4j's MMAIndicator: the multiplier 1/n, applied as prev + (value - prev) * (1/n)
    this.multiplier = 1.0 / settings.period();
    this.adxMultiplier = 1.0 / settings.adxPeriod();
    this.adxStart = Math.max(settings.period(), settings.adxPeriod());
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
    return (long) settings.period() + settings.adxPeriod() + 2;
  }

  @Override
  public Optional<TrendRegime> current() {
    return Optional.ofNullable(regime.current());
  }

  /** The latest ADX; NaN before bar {@code max(period, adxPeriod)}. */
  public double adx() {
    return adx;
  }

  /** The latest +DI; NaN before bar {@code period}. */
  public double plusDi() {
    return plusDi;
  }

  /** The latest −DI; NaN before bar {@code period}. */
  public double minusDi() {
    return minusDi;
  }

  @Override
  public Optional<RegimeChange<TrendRegime>> update(OhlcvBar bar) {
    Objects.requireNonNull(bar, "bar");
    long index = barCount++;
    double high = bar.high();
    double low = bar.low();
    double trueRange;
    double plusDm = 0;
    double minusDm = 0;
    if (index == 0) {
      trueRange = Math.abs(high - low);
    } else {
      trueRange =
          Math.max(
              Math.max(Math.abs(high - low), Math.abs(high - previousClose)),
              Math.abs(previousClose - low));
      double up = high - previousHigh;
      double down = previousLow - low;
      if (up > down && up > 0) {
        plusDm = up;
      }
      if (down > up && down > 0) {
        minusDm = down;
      }
    }
    previousHigh = high;
    previousLow = low;
    previousClose = bar.close();

    int period = settings.period();
    if (index == period) {
      averageTrueRange = trueRange;
      averagePlusDm = plusDm;
      averageMinusDm = minusDm;
    } else if (index > period) {
      averageTrueRange += (trueRange - averageTrueRange) * multiplier;
      averagePlusDm += (plusDm - averagePlusDm) * multiplier;
      averageMinusDm += (minusDm - averageMinusDm) * multiplier;
    }
    if (index < period) {
      return Optional.empty();
    }
    if (averageTrueRange == 0) {
      plusDi = 0;
      minusDi = 0;
    } else {
      plusDi = averagePlusDm / averageTrueRange * 100;
      minusDi = averageMinusDm / averageTrueRange * 100;
    }
    double sum = plusDi + minusDi;
    double dx = sum == 0 ? 0 : Math.abs(plusDi - minusDi) / sum * 100;
    if (index == adxStart) {
      adx = dx;
    } else if (index > adxStart) {
      adx += (dx - adx) * adxMultiplier;
    }
    if (barCount < warmUpBars()) {
      return Optional.empty();
    }

    TrendRegime before = regime.current();
    if (!regime.update(pointedTo(before == null ? TrendRegime.RANGING : before))) {
      return Optional.empty();
    }
    Map<String, Double> statistics = new LinkedHashMap<>();
    statistics.put("adx", adx);
    statistics.put("plusDi", plusDi);
    statistics.put("minusDi", minusDi);
    return Optional.of(
        new RegimeChange<>(NAME, before, regime.current(), index, bar.time(), statistics));
  }

  private TrendRegime pointedTo(TrendRegime from) {
    return switch (from) {
      case RANGING -> {
        if (adx < settings.enterThreshold()) {
          yield TrendRegime.RANGING;
        }
        if (plusDi > minusDi) {
          yield TrendRegime.TRENDING_UP;
        }
        yield minusDi > plusDi ? TrendRegime.TRENDING_DOWN : TrendRegime.RANGING;
      }
      case TRENDING_UP -> {
        if (adx < settings.exitThreshold()) {
          yield TrendRegime.RANGING;
        }
        yield minusDi > plusDi + settings.directionMargin()
            ? TrendRegime.TRENDING_DOWN
            : TrendRegime.TRENDING_UP;
      }
      case TRENDING_DOWN -> {
        if (adx < settings.exitThreshold()) {
          yield TrendRegime.RANGING;
        }
        yield plusDi > minusDi + settings.directionMargin()
            ? TrendRegime.TRENDING_UP
            : TrendRegime.TRENDING_DOWN;
      }
    };
  }
}
