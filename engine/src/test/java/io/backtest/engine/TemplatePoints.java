package io.backtest.engine;

import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A few parameter points per built-in template for the equivalence, cross-check and causality
 * tests: two base points, one without stops, one with percent stops, one with ATR stops (explicit
 * period), one mixing a percent take-profit with an ATR stop-loss at the default period.
 */
public final class TemplatePoints {

  private TemplatePoints() {}

  private static final Map<String, List<Parameters>> BASES =
      Map.of(
          "sma-crossover", List.of(p("fast", 10, "slow", 50), p("fast", 4, "slow", 30)),
          "ema-crossover", List.of(p("fast", 12, "slow", 50), p("fast", 6, "slow", 30)),
          "rsi-reversion",
              List.of(
                  p("period", 14, "oversold", 30, "overbought", 70),
                  p("period", 6, "oversold", 25, "overbought", 75)),
          "bollinger-reversion",
              List.of(p("period", 20).with("k", 2.0), p("period", 30).with("k", 1.5)),
          "bollinger-breakout",
              List.of(p("period", 20).with("k", 2.0), p("period", 40).with("k", 2.5)),
          "macd",
              List.of(
                  p("fast", 12, "slow", 24, "signal", 9), p("fast", 8, "slow", 28, "signal", 5)),
          "donchian-breakout", List.of(p("entry", 20, "exit", 10), p("entry", 55, "exit", 20)),
          "momentum", List.of(p("lookback", 20, "trend", 100), p("lookback", 10, "trend", 60)));

  /** The template's test points; buy-and-hold has only the empty set. */
  public static List<Parameters> of(StrategyTemplate template) {
    List<Parameters> bases = BASES.get(template.id());
    if (bases == null) {
      return List.of(Parameters.empty());
    }
    Parameters a = bases.get(0);
    Parameters b = bases.get(1);
    List<Parameters> points = new ArrayList<>();
    points.add(a);
    points.add(a.with("stopLossPct", 1.0).with("takeProfitPct", 2.0));
    points.add(b.with("stopLossAtr", 2.0).with("takeProfitAtr", 3.0).with("atrPeriod", 10));
    points.add(b.with("stopLossAtr", 1.5).with("takeProfitPct", 4.0));
    return points;
  }

  /** Every built-in template. */
  public static Stream<StrategyTemplate> templates() {
    return StrategyTemplates.builtIn().all().stream();
  }

  private static Parameters p(Object... nameValues) {
    Parameters p = Parameters.empty();
    for (int i = 0; i < nameValues.length; i += 2) {
      p = p.with((String) nameValues[i], (Integer) nameValues[i + 1]);
    }
    return p;
  }
}
