package io.backtest.engine.live;

import io.backtest.engine.backtest.ExecutionModel;

/**
 * An order decided on a bar's close by the strategy's signals or stops, filled at the next bar's
 * open ({@link ExecutionModel.Fill#NEXT_OPEN}) or at the same close ({@link
 * ExecutionModel.Fill#SAME_CLOSE}); the cases of {@code BacktestEngine}'s loop.
 */
public enum Order {
  /** Close the open position, long or short, to flat: a long-only exit signal or a stop. */
  EXIT,
  /** Open a long position from flat. */
  ENTER_LONG,
  /** Open a short position from flat (long-short only). */
  ENTER_SHORT,
  /** Close the open position and open the opposite one at the same fill (long-short only). */
  REVERSE
}
