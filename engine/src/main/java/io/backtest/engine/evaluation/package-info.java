/**
 * The engine's front door for services: generate a cycle's candidates across templates, evaluate
 * one candidate (a single backtest or a walk-forward analysis) and estimate what an evaluation
 * costs before running it.
 */
package io.backtest.engine.evaluation;
