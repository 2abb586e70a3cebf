/**
 * Selection: scoring a cycle's candidates from their out-of-sample returns ({@link
 * io.backtest.engine.selection.CycleScorer}) and deciding which go live ({@link
 * io.backtest.engine.selection.PromotionPolicy}). Plain Java, in the events' own terms, so that the
 * services and the statistical-honesty tests run the very same code.
 */
package io.backtest.engine.selection;
