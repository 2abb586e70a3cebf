package io.backtest.systemtests.audit;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.EventType;
import io.backtest.contracts.events.BacktestFailed;
import io.backtest.contracts.events.BacktestRequested;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.support.testing.LocalInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Realistic platform events for the audit log, as the services publish them: payloads of the
 * contracts' records on their topics, binary-mode CloudEvents headers with a unique {@code ce_id},
 * the subject as key, a correlation id per cycle or market. Sends are asynchronous (a load
 * generator cannot wait for each acknowledgement), and every acknowledged event id is kept, so that
 * a test compares the log with what Kafka really accepted.
 */
final class AuditEvents implements AutoCloseable {
  /** The log's own signed tree heads, which it records like any event but nobody here sends. */
  static final String CHECKPOINT_TYPE = EventCatalog.AUDIT_CHECKPOINT.type();

  /** The events sent, in rotation: the market feed, backtest work, its failures, demotions. */
  static final List<EventType<?>> TYPES =
      List.of(
          EventCatalog.MARKET_BARS,
          EventCatalog.BACKTEST_REQUESTED,
          EventCatalog.BACKTEST_FAILED,
          EventCatalog.STRATEGY_DEMOTED);

  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "SPY", "QQQ", "TLT", "GLD");
  private static final DatasetRef DATASET = new DatasetRef("aapl-1d-2013", "AAPL", "1d", 252);
  private static final StrategyDefinition SMA =
      new StrategyDefinition("sma-crossover", Map.of("fast", 10, "slow", 50));
  private static final ExecutionSettings EXECUTION =
      new ExecutionSettings("next-open", "long-only", 10, 5, 1.0, 10_000);
  private static final Instant FIRST_BAR = Instant.parse("2020-01-01T00:00:00Z");

  private final AuditServiceProcess service;
  private final KafkaProducer<String, String> producer;
  private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicLong sends = new AtomicLong();
  private final AtomicLong acks = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private UUID cycleId = UUID.randomUUID();

  AuditEvents(AuditServiceProcess service) {
    this.service = service;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalInfrastructure.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024),
            new StringSerializer(),
            new StringSerializer());
  }

  /** Each type's topic with its catalogue partition count, to create before the service starts. */
  static Map<String, Integer> topics() {
    Map<String, Integer> topics = new LinkedHashMap<>();
    TYPES.forEach(t -> topics.put(t.topic(), t.partitions()));
    return topics;
  }

  /** The {@code i}-th event of the rotation, its time now: a new id, ready to send. */
  ProducerRecord<String, String> event(long i) {
    Instant now = Instant.now();
    EventType<?> type = TYPES.get((int) (i % TYPES.size()));
    if (i % 40 == 0) {
      cycleId = UUID.randomUUID(); // a new cycle every 40 events: its correlation id
    }
    String symbol = SYMBOLS.get((int) ((i / TYPES.size()) % SYMBOLS.size()));
    UUID strategyId = UUID.randomUUID();
    return switch (type.topic()) {
      case "market.bars" -> {
        double open = 100 + (i % 97) * 0.5;
        MarketBar bar =
            new MarketBar(
                symbol,
                "1m",
                FIRST_BAR.plus(Duration.ofMinutes(i)),
                open,
                open + 1.25,
                open - 0.75,
                open + 0.5,
                1_000 + i % 5_000);
        yield record(type, symbol, "market:" + symbol, bar, now);
      }
      case "backtest.requested" ->
          record(
              type,
              strategyId.toString(),
              cycleId.toString(),
              new BacktestRequested(
                  UUID.randomUUID(), strategyId, cycleId, DATASET, SMA, EXECUTION, null, 42, now),
              now);
      case "backtest.failed" ->
          record(
              type,
              strategyId.toString(),
              cycleId.toString(),
              new BacktestFailed(
                  UUID.randomUUID(), strategyId, cycleId, "not enough bars for slow=50", now),
              now);
      case "strategy.demoted" ->
          record(
              type,
              strategyId.toString(),
              cycleId.toString(),
              new StrategyDemoted(
                  strategyId, cycleId, "drawdown beyond the backtest's worst", null, 11, now),
              now);
      default -> throw new IllegalStateException("no sample for " + type.topic());
    };
  }

  private ProducerRecord<String, String> record(
      EventType<?> type, String subject, String correlationId, Object payload, Instant time) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(service.topic(type.topic()), subject, EventJson.write(payload));
    header(record, CloudEventAttributes.HEADER_ID, UUID.randomUUID().toString());
    header(record, CloudEventAttributes.HEADER_SPEC_VERSION, CloudEventAttributes.SPEC_VERSION);
    header(record, CloudEventAttributes.HEADER_TYPE, type.type());
    header(record, CloudEventAttributes.HEADER_SOURCE, "/system-tests/audit");
    header(record, CloudEventAttributes.HEADER_SUBJECT, subject);
    header(record, CloudEventAttributes.HEADER_TIME, time.toString());
    header(record, CloudEventAttributes.HEADER_CONTENT_TYPE, CloudEventAttributes.CONTENT_TYPE);
    header(record, CloudEventAttributes.HEADER_CORRELATION_ID, correlationId);
    return record;
  }

  /** Sends a record (again, for a duplicate) without waiting; its id counts once acknowledged. */
  void send(ProducerRecord<String, String> record) {
    UUID id = id(record);
    sends.incrementAndGet();
    producer.send(
        record,
        (metadata, exception) -> {
          if (exception != null) {
            failure.compareAndSet(null, exception);
          } else {
            acknowledged.add(id);
            acks.incrementAndGet();
          }
        });
  }

  /** Waits for every send; fails if Kafka refused any. */
  void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("Kafka refused an event", e);
    }
  }

  /** Distinct event ids Kafka acknowledged. */
  Set<UUID> acknowledged() {
    return acknowledged;
  }

  /** Records acknowledged, duplicates included. */
  long acks() {
    return acks.get();
  }

  long sends() {
    return sends.get();
  }

  static UUID id(ProducerRecord<String, String> record) {
    return UUID.fromString(
        new String(
            record.headers().lastHeader(CloudEventAttributes.HEADER_ID).value(),
            StandardCharsets.UTF_8));
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
