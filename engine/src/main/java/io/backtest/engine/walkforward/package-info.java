/**
 * Walk-forward analysis: fold windows, the in-sample optimisation of a candidate's parameter
 * region, out-of-sample application and the stitched out-of-sample record.
 */
package io.backtest.engine.walkforward;
