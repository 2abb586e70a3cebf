package io.backtest.audit;

import io.backtest.support.testing.TestKafka;
import org.junit.jupiter.api.BeforeAll;

/** The tests that publish events to the test run's topics through the real broker. */
public abstract class KafkaTestBase {
  protected static TestKafka kafka;

  @BeforeAll
  static void connect() {
    kafka = TestKafka.shared();
  }
}
