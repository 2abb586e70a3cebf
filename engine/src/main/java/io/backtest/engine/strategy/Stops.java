package io.backtest.engine.strategy;

/**
 * Stop-loss and take-profit levels of a strategy, as the array engine applies them; NaN switches a
 * level off. At most one stop-loss and one take-profit kind are set (the templates' constraint).
 *
 * <p>Each is checked on a bar's close while a position is open, against the position's entry fill
 * price <em>before</em> slippage, with exactly the comparisons of ta4j's rules (ta4j 0.22.2): for a
 * long position
 *
 * <ul>
 *   <li>{@code StopLossRule}: {@code close <= entry × ((100 − lossPct) / 100)};
 *   <li>{@code StopGainRule}: {@code close >= entry × ((100 + gainPct) / 100)};
 *   <li>{@code AverageTrueRangeStopLossRule}: {@code close < entry − atr[i] × lossAtr};
 *   <li>{@code AverageTrueRangeStopGainRule}: {@code close >= entry + atr[i] × gainAtr};
 * </ul>
 *
 * and mirrored for a short ({@code close >= entry × ((100 + lossPct) / 100)}, {@code close <= entry
 * × ((100 − gainPct) / 100)}, {@code close > entry + atr × lossAtr}, {@code close <= entry − atr ×
 * gainAtr}), where {@code atr[i]} is the ATR at the bar being checked (NaN during its warm-up, when
 * the ATR stops cannot trigger).
 *
 * @param lossPct stop-loss in percent of the entry price, or NaN
 * @param gainPct take-profit in percent of the entry price, or NaN
 * @param lossAtr stop-loss in multiples of the ATR, or NaN
 * @param gainAtr take-profit in multiples of the ATR, or NaN
 * @param atr the ATR series when an ATR level is set, else null (shared, read-only)
 */
public record Stops(double lossPct, double gainPct, double lossAtr, double gainAtr, double[] atr) {

  /** No stops. */
  public static final Stops NONE = new Stops(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);

  public Stops {
    if ((!Double.isNaN(lossAtr) || !Double.isNaN(gainAtr)) && atr == null) {
      throw new IllegalArgumentException("an ATR stop needs the ATR series");
    }
  }

  /** Whether any level is set. */
  public boolean any() {
    return !(Double.isNaN(lossPct)
        && Double.isNaN(gainPct)
        && Double.isNaN(lossAtr)
        && Double.isNaN(gainAtr));
  }
}
