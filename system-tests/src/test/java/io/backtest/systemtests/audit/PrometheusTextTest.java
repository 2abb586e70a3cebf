package io.backtest.systemtests.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String EXPOSITION =
      """
      # HELP audit_ingest_lag_records Records read from Kafka and not yet appended
      # TYPE audit_ingest_lag_records gauge
      audit_ingest_lag_records{partition="0",topic="t1.market.bars"} 12.0
      audit_ingest_lag_records{partition="1",topic="t1.market.bars"} 3.0
      audit_ingest_lag_records_max 99.0
      audit_ingest_entries_total 4.0E4
      jvm_threads_live_threads 31.0 1700000000000
      """;

  @Test
  void labelSetsAreSummed() {
    assertThat(PrometheusText.sum(EXPOSITION, "audit_ingest_lag_records")).hasValue(15.0);
  }

  @Test
  void aMetricWithoutLabelsAndATimestampIsRead() {
    assertThat(PrometheusText.sum(EXPOSITION, "audit_ingest_entries_total")).hasValue(40_000.0);
    assertThat(PrometheusText.sum(EXPOSITION, "jvm_threads_live_threads")).hasValue(31.0);
  }

  @Test
  void anAbsentMetricIsEmptyNotZero() {
    assertThat(PrometheusText.sum(EXPOSITION, "audit_ingest_lag")).isEmpty();
    assertThat(PrometheusText.sum(EXPOSITION, "http_server_requests_seconds_count")).isEmpty();
  }

  @Test
  void infinityIsAValue() {
    assertThat(PrometheusText.sum("le_bucket +Inf\n", "le_bucket"))
        .hasValue(Double.POSITIVE_INFINITY);
  }
}
