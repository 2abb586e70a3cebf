package io.backtest.audit;

import io.backtest.contracts.EventCatalog;
import io.backtest.support.testing.TestKafka;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** The tests that publish events to the test run's topics through the real broker. */
public abstract class KafkaTestBase {
  protected static TestKafka kafka;

  @BeforeAll
  static void connect() {
    kafka = TestKafka.shared();
  }

  /**
   * Publishes {@code count} bars of a new symbol ({@code prefix} + random) and waits until they are
   * in the log; their seqs in order.
   */
  protected static List<Long> recordBars(String prefix, int count) {
    String symbol = prefix + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < count; i++) {
      kafka.publish(EventCatalog.MARKET_BARS, symbol, AuditSamples.bar(symbol), "corr-" + symbol);
    }
    return AuditApi.awaitSubject(symbol, count).stream()
        .map(e -> ((Number) e.get("seq")).longValue())
        .toList();
  }
}
