/**
 * Indicator series over primitive arrays, computed once per series and shared by every candidate
 * that needs them, and ta4j's cross semantics over such arrays. Values equal ta4j's {@code
 * DoubleNum} indicators bit for bit: the same formulas in the same operation order.
 */
package io.backtest.engine.indicator;
