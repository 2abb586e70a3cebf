/**
 * Backtest engine: plain Java (no Quarkus types) on top of ta4j.
 *
 * <p>{@code data} turns CSV uploads into ta4j bar series, {@code strategy} holds parameterised
 * strategy templates and the seeded candidate generator, {@code backtest} runs a strategy over a
 * series under an execution model, and {@code metrics} summarises the result. Everything is
 * deterministic: the same inputs give the same outputs on every JVM.
 */
package io.backtest.engine;
