package io.backtest.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.CycleStarted;
import io.backtest.contracts.events.MarketBar;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final String FAILED =
      """
      {"backtestId":"c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
       "strategyId":"5b2c9d7a-8e41-4f0b-b6c2-3d9a1e7f4a22",
       "cycleId":"0d6f4c1e-2b1a-4c55-9a3e-6a1f0b9e7c01",
       "reason":"boom","failedAt":"2026-11-25T10:15:30Z"%s}
      """;

  @Test
  void timesAreWrittenAsIsoInstants() {
    String json = EventJson.write(SampleEvents.all().get(EventCatalog.BACKTEST_FAILED));
    assertThat(json).contains("\"failedAt\":\"2026-11-25T10:15:30.123Z\"");
  }

  @Test
  void unknownFieldsFromNewerProducersAreTolerated() {
    BacktestFailed read =
        EventJson.read(FAILED.formatted(",\"addedLater\":1"), BacktestFailed.class);
    assertThat(read.reason()).isEqualTo("boom");
  }

  @Test
  void missingFieldIsRejectedWithItsName() {
    String json = FAILED.formatted("").replace("\"reason\":\"boom\",", "");
    assertThatThrownBy(() -> EventJson.read(json, BacktestFailed.class))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("reason");
  }

  @Test
  void missingNumberIsRejectedNotReadAsZero() {
    String json =
        EventJson.write(SampleEvents.all().get(EventCatalog.MARKET_BARS))
            .replaceAll("\"volume\":[0-9.E]+", "\"volume\":null");
    assertThatThrownBy(() -> EventJson.read(json, MarketBar.class))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("volume");
  }

  @Test
  void recordInvariantsRejectInconsistentEvents() {
    String json =
        EventJson.write(SampleEvents.all().get(EventCatalog.CYCLE_STARTED))
            .replace("\"candidates\":2", "\"candidates\":3");
    assertThatThrownBy(() -> EventJson.read(json, CycleStarted.class))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("strategyIds has 2 entries but candidates is 3");
  }

  @Test
  void invalidJsonIsRejected() {
    assertThatThrownBy(() -> EventJson.read("{not json", BacktestFailed.class))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageStartingWith("not a valid BacktestFailed");
  }
}
