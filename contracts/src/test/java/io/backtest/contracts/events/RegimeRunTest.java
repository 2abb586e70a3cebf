package io.backtest.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.contracts.EventJson;
import io.backtest.contracts.MalformedEventException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RegimeRunTest {
  private static final UUID CYCLE = UUID.fromString("0d6f4c1e-2b1a-4c55-9a3e-6a1f0b9e7c01");
  private static final UUID STRATEGY = UUID.fromString("5b2c9d7a-8e41-4f0b-b6c2-3d9a1e7f4a22");

  private static CycleStarted started(List<RegimeRun> regimes) {
    return new CycleStarted(
        CYCLE,
        new DatasetRef("aapl-1d-2013", "AAPL", "1d", 252),
        List.of("sma-crossover"),
        1,
        42,
        List.of(STRATEGY),
        new ExecutionSettings("next-open", "long-only", 10, 5, 1.0, 10_000),
        null,
        null,
        Instant.parse("2026-03-02T09:00:00Z"),
        regimes);
  }

  @Test
  void runsOfEachDetectorMayInterleaveInTheListWhenEachIsContiguous() {
    CycleStarted started =
        started(
            List.of(
                new RegimeRun("volatility", "LOW", 10, 50),
                new RegimeRun("trend", "RANGING", 30, 80),
                new RegimeRun("volatility", "HIGH", 50, 90),
                new RegimeRun("trend", "TRENDING_DOWN", 80, 90)));
    assertThat(started.regimes()).hasSize(4);
    assertThat(started.regimes().getFirst().contains(49)).isTrue();
    assertThat(started.regimes().getFirst().contains(50)).isFalse();
  }

  @Test
  void aGapOrOverlapBetweenRunsOfOneDetectorIsRejected() {
    assertThatThrownBy(
            () ->
                started(
                    List.of(
                        new RegimeRun("volatility", "LOW", 10, 50),
                        new RegimeRun("volatility", "HIGH", 51, 90))))
        .hasMessage(
            "regimes[1]: a volatility run must start at 50, where the previous one ended, but"
                + " starts at 51");
    assertThatThrownBy(
            () ->
                started(
                    List.of(
                        new RegimeRun("trend", "RANGING", 10, 50),
                        new RegimeRun("trend", "TRENDING_UP", 40, 90))))
        .hasMessageContaining("must start at 50");
  }

  @Test
  void adjacentRunsOfOneRegimeAreRejected() {
    assertThatThrownBy(
            () ->
                started(
                    List.of(
                        new RegimeRun("volatility", "LOW", 10, 50),
                        new RegimeRun("volatility", "LOW", 50, 90))))
        .hasMessageContaining("repeats the previous volatility run's regime LOW");
  }

  @Test
  void aRegimeMustBelongToItsDetector() {
    assertThatThrownBy(() -> new RegimeRun("volatility", "RANGING", 0, 5))
        .hasMessage("regime must be one of LOW, NORMAL, HIGH but was RANGING");
    assertThatThrownBy(() -> new RegimeRun("hmm", "STATE_0", 0, 5))
        .hasMessageStartingWith("detector must be one of volatility, trend");
    assertThatThrownBy(() -> new RegimeRun("trend", "RANGING", 5, 5))
        .hasMessage("toIndex must be >= 6 but was 5");
  }

  @Test
  void aMalformedRunInAnEventNamesTheField() {
    String json =
        EventJson.write(started(List.of(new RegimeRun("volatility", "LOW", 10, 50))))
            .replace("\"fromIndex\":10", "\"fromIndex\":-1");
    assertThatThrownBy(() -> EventJson.read(json, CycleStarted.class))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("fromIndex must be >= 0");
  }

  @Test
  void theConstructorsWithoutRegimesDefaultToNone() {
    assertThat(started(List.of()).regimes()).isEmpty();
    CandidateStatistics statistics =
        new CandidateStatistics(
            1250, 252, 4.96, 0.62, 0.102, 0.11, 1.35, 1.9, 0.85, 0.12, 1.6, 0.55, 48, 0.8, 3.01,
            0.74, -0.3, 4.1, 0.0004, 0.0069, 0.99, 0.97, 1.12, 4200, 3.4);
    RankedStrategy ranked = new RankedStrategy(1, STRATEGY, 0.8, statistics);
    assertThat(ranked.regimes()).isEmpty();
    RegimePerformance high = new RegimePerformance("volatility", "HIGH", 3, -0.01, -2, -0.03, 0.5);
    assertThat(ranked.withRegimes(List.of(high)).regimes()).containsExactly(high);
    assertThatThrownBy(() -> new RegimePerformance("volatility", "HIGH", 3, -0.01, -2, -0.03, 0))
        .hasMessage("share must be in (0, 1] but was 0.0");
  }
}
