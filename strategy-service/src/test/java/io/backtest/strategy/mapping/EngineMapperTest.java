package io.backtest.strategy.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.contracts.EventJson;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.backtest.Trade;
import io.backtest.engine.metrics.PerformanceMetrics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineMapperTest {

  @Test
  void everyMetricMapsToTheContractFieldOfTheSameMeaning() {
    // Distinct values, so that a swapped field cannot go unnoticed.
    PerformanceMetrics m =
        new PerformanceMetrics(
            0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 3, null, 17, 0.18, 0.19, null, null, null, 0.20,
            null, null, 21);
    BacktestMetrics c = EngineMapper.toContract(m);
    assertThat(c)
        .isEqualTo(
            new BacktestMetrics(
                0.11, 0.12, 0.14, 0.15, 0.16, 3, null, 0.13, 17, 0.18, 0.19, null, null, null, 0.20,
                null, null, 21));
  }

  @Test
  void metricsOfAHandWorkedBacktestSurviveTheMappingAndStorage() {
    // Equity 1 → 1.1 → 0.99 → 1.089: returns +10 %, −10 %, +10 %; one closed losing trade and one
    // open trade. Max drawdown (1.1 − 0.99) / 1.1 = 10 %; total return 8.9 %.
    double[] equity = {1.0, 1.1, 0.99, 1.089};
    double[] returns = {0.1, -0.1, 0.1};
    Instant t = Instant.parse("2013-01-02T00:00:00Z");
    List<Trade> trades =
        List.of(
            new Trade(Trade.Side.LONG, 0, t, 1, 2, t, 0.99, 1, 0, -0.01, -0.01, false),
            new Trade(Trade.Side.LONG, 2, t, 0.99, 3, t, 1.089, 1, 0, 0.099, 0.1, true));
    PerformanceMetrics m = PerformanceMetrics.of(returns, equity, trades, 252);

    BacktestMetrics c = EngineMapper.metrics(EngineMapper.metricsJson(EngineMapper.toContract(m)));

    assertThat(c.totalReturn()).isCloseTo(0.089, within(1e-12));
    assertThat(c.maxDrawdown()).isCloseTo(0.1, within(1e-12));
    assertThat(c.tradeCount()).isEqualTo(2);
    assertThat(c.winRate()).isZero();
    // no winning trade and one loss: profit factor 0 / 0.01
    assertThat(c.profitFactor()).isZero();
    // bars held: [0, 2) closed + [2, 3] open = 4 of 4 bars
    assertThat(c.exposure()).isEqualTo(1.0);
    assertThat(c.barCount()).isEqualTo(4);
    // sample standard deviation of (0.1, −0.1, 0.1) = sqrt(((0.0667)² · 2 + (0.1333)²) / 2)
    double mean = 0.1 / 3;
    double sd = Math.sqrt((2 * Math.pow(0.1 - mean, 2) + Math.pow(-0.1 - mean, 2)) / 2);
    assertThat(c.volatility()).isCloseTo(sd * Math.sqrt(252), within(1e-12));
  }

  @Test
  void missingProfitFactorStaysNullThroughJson() {
    BacktestMetrics c =
        new BacktestMetrics(
            0, 0, 0, 0, 0, 0, null, 0, 0, 0, null, null, null, null, 0, null, null, 1);
    String json = EngineMapper.metricsJson(c);
    assertThat(json).contains("\"profitFactor\":null");
    assertThat(EngineMapper.metrics(json)).isEqualTo(c);
    assertThat(EventJson.read(json, BacktestMetrics.class)).isEqualTo(c);
  }

  @Test
  void defaultExecutionModelIsNextOpenTenBpsFeeFiveBpsSlippageWholeEquity() {
    ExecutionSettings s = EngineMapper.toContract(ExecutionModel.defaults());
    assertThat(s).isEqualTo(new ExecutionSettings("next-open", "long-only", 10, 5, 1.0, 10_000));
    assertThat(ExecutionModel.of(s)).isEqualTo(ExecutionModel.defaults());
  }

  @Test
  void sameCloseFillsMapBothWays() {
    ExecutionModel model = ExecutionModel.frictionless().withFill(ExecutionModel.Fill.SAME_CLOSE);
    ExecutionSettings s = EngineMapper.toContract(model);
    assertThat(s.fill()).isEqualTo("same-close");
    assertThat(ExecutionModel.of(s)).isEqualTo(model);
  }
}
