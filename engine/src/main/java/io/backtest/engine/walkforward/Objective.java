package io.backtest.engine.walkforward;

import io.backtest.engine.metrics.PerformanceMetrics;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What the in-sample optimisation of a fold maximises. An undefined value (e.g. the Calmar ratio
 * without a drawdown, or a non-finite value) scores {@link Double#NEGATIVE_INFINITY}, so a
 * parameter set is only chosen for it when nothing better exists.
 */
public enum Objective {
  /** Annualised Sharpe ratio (the default). */
  SHARPE(PerformanceMetrics::sharpe),
  /** Annualised Sortino ratio. */
  SORTINO(PerformanceMetrics::sortino),
  /** Total return of the window. */
  TOTAL_RETURN(PerformanceMetrics::totalReturn),
  /** Compound annual growth rate. */
  CAGR(PerformanceMetrics::cagr),
  /** CAGR over maximum drawdown. */
  CALMAR(m -> m.calmar() == null ? Double.NEGATIVE_INFINITY : m.calmar());

  private final ToDoubleFunction<PerformanceMetrics> value;

  Objective(ToDoubleFunction<PerformanceMetrics> value) {
    this.value = value;
  }

  /** The value to maximise; {@link Double#NEGATIVE_INFINITY} when undefined. */
  public double score(PerformanceMetrics metrics) {
    double v = value.applyAsDouble(metrics);
    return Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
  }

  /** The lower-case, dash-separated name used in requests: {@code total-return}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The objective named {@code id} ({@code sharpe}, {@code sortino}, {@code total-return}, {@code
   * cagr}, {@code calmar}; case-insensitive).
   *
   * @throws IllegalArgumentException naming the known ids
   */
  public static Objective fromId(String id) {
    for (Objective o : values()) {
      if (o.id().equalsIgnoreCase(id)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown objective '" + id + "'; known: sharpe, sortino, total-return, cagr, calmar");
  }
}
