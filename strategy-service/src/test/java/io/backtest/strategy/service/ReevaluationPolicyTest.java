package io.backtest.strategy.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.events.MarketRegimeChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReevaluationPolicyTest {
  private static final Instant BAR = Instant.parse("2024-03-01T00:00:00Z");

  private static final ReevaluationPolicy ENABLED =
      new ReevaluationPolicy(
          true, Duration.ofHours(6), 60, List.of("volatility", " Trend "), List.of());

  private static MarketRegimeChanged change(String detector, String from, String to) {
    return new MarketRegimeChanged(
        "AAPL",
        "1d",
        detector,
        from,
        to,
        BAR,
        120,
        Map.of("volatility", 0.31),
        detector + " " + from + " -> " + to,
        BAR.plusSeconds(5));
  }

  @Test
  void aChangeOfAListedDetectorCountsWhenEnabled() {
    assertThat(ENABLED.ignored(change("volatility", "NORMAL", "HIGH"))).isNull();
    // detector names are compared trimmed and in lower case
    assertThat(ENABLED.ignored(change("trend", "RANGING", "TRENDING_UP"))).isNull();
  }

  @Test
  void disabledUnlistedDetectorAndFirstVerdictStartNothing() {
    ReevaluationPolicy disabled =
        new ReevaluationPolicy(false, Duration.ofHours(6), 60, List.of("volatility"), List.of());
    assertThat(disabled.ignored(change("volatility", "NORMAL", "HIGH"))).contains("disabled");
    assertThat(ENABLED.ignored(change("hmm", "STATE_0", "STATE_1"))).contains("hmm");
    assertThat(ENABLED.ignored(change("volatility", null, "HIGH"))).contains("first verdict");
  }

  @Test
  void dueOnlyOnceTheMinimumIntervalHasPassed() {
    Instant last = Instant.parse("2024-03-01T00:00:00Z");
    assertThat(ENABLED.due(null, last)).isTrue();
    assertThat(ENABLED.due(last, last.plus(Duration.ofHours(6)).minusMillis(1))).isFalse();
    assertThat(ENABLED.due(last, last.plus(Duration.ofHours(6)))).isTrue();
    assertThat(ENABLED.due(last, last.plus(Duration.ofDays(1)))).isTrue();
  }

  @Test
  void reasonNamesDetectorRegimesAndMarket() {
    assertThat(ReevaluationPolicy.reason(change("volatility", "NORMAL", "HIGH")))
        .isEqualTo("re-evaluation: volatility NORMAL -> HIGH on AAPL 1d");
  }

  @Test
  void seedIsTheSameForTheSameChangeAndDiffersForAnother() {
    long seed = ReevaluationPolicy.seed(change("volatility", "NORMAL", "HIGH"));
    assertThat(ReevaluationPolicy.seed(change("volatility", "NORMAL", "HIGH"))).isEqualTo(seed);
    assertThat(ReevaluationPolicy.seed(change("volatility", "HIGH", "NORMAL"))).isNotEqualTo(seed);
    assertThat(ReevaluationPolicy.seed(change("trend", "NORMAL", "HIGH"))).isNotEqualTo(seed);
  }
}
