package io.backtest.support.testing;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.EventType;
import io.backtest.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A plain Kafka client for tests, outside any service: publishes CloudEvents (or raw records) to
 * the test run's topics and reads what the services published.
 */
public final class TestKafka implements AutoCloseable {
  private final String bootstrap;
  private final String prefix;
  private final KafkaProducer<String, String> producer;

  public TestKafka(String bootstrap, String prefix) {
    this.bootstrap = bootstrap;
    this.prefix = prefix;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer());
  }

  private static TestKafka shared;

  /**
   * One client for every test class of the test JVM, created on first use (once Quarkus has
   * started) and kept open for the life of the JVM; its I/O thread does not hold the JVM up.
   */
  public static synchronized TestKafka shared() {
    if (shared == null) {
      shared = fromConfig();
    }
    return shared;
  }

  /**
   * CloudEvents binary-mode headers of an event of {@code type} (a fresh id), for publishing a
   * hand-made, possibly malformed payload with {@link #publishRaw}.
   */
  public static Map<String, String> cloudEventHeaders(
      EventType<?> type, String subject, String correlationId) {
    return Map.of(
        CloudEventAttributes.HEADER_ID,
        UUID.randomUUID().toString(),
        CloudEventAttributes.HEADER_SPEC_VERSION,
        CloudEventAttributes.SPEC_VERSION,
        CloudEventAttributes.HEADER_TYPE,
        type.type(),
        CloudEventAttributes.HEADER_SOURCE,
        "/test",
        CloudEventAttributes.HEADER_SUBJECT,
        subject,
        CloudEventAttributes.HEADER_CORRELATION_ID,
        correlationId);
  }

  /** A client for the running Quarkus test's broker and topic prefix. */
  public static TestKafka fromConfig() {
    var config = ConfigProvider.getConfig();
    return new TestKafka(
        config.getValue("kafka.bootstrap.servers", String.class),
        config.getOptionalValue("backtest.topic-prefix", String.class).orElse(""));
  }

  /** Physical name of a logical topic in this run. */
  public String topic(String logical) {
    return prefix + logical;
  }

  /**
   * Creates physical topics of {@code partitions} partitions each ({@link #createOnline}) and waits
   * until {@code producer} knows their leaders: a burst sent right after goes out at once.
   */
  public void createTopics(
      List<String> physicalTopics, int partitions, KafkaProducer<String, String> producer) {
    Map<String, Integer> topics = new LinkedHashMap<>();
    physicalTopics.forEach(t -> topics.put(t, partitions));
    createOnline(bootstrap, topics);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!physicalTopics.stream().allMatch(t -> knowsLeaders(producer, t, partitions))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the producer knows no leader for every partition of " + physicalTopics);
      }
      sleep(100);
    }
  }

  /** {@link #createTopics(List, int, KafkaProducer)} for this client's own producer. */
  public void createTopics(List<String> physicalTopics, int partitions) {
    createTopics(physicalTopics, partitions, producer);
  }

  /**
   * Creates the platform's topics (every topic of the catalog and its dead-letter topic, with the
   * catalog's partitions) under {@code prefix}, before any service of the test run writes to them.
   */
  public static void createPlatformTopics(String bootstrap, String prefix) {
    Map<String, Integer> topics = new LinkedHashMap<>();
    for (EventType<?> type : EventCatalog.ALL) {
      topics.put(prefix + type.topic(), type.partitions());
      topics.put(prefix + Topics.dlq(type.topic()), type.partitions());
    }
    createOnline(bootstrap, topics);
  }

  /**
   * Creates the physical topics (name, partitions) that do not exist yet and waits until every
   * partition is online at its leader (its end offset can be read). The broker names a leader
   * before the partition's log exists, and an idempotent producer that writes into that gap can
   * wedge a partition until its delivery timeout (the broker refuses its retried first batch as out
   * of order): topics are made and ready before anything is sent.
   */
  public static void createOnline(String bootstrap, Map<String, Integer> partitionsByTopic) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          partitionsByTopic.entrySet().stream()
              .filter(e -> !existing.contains(e.getKey()))
              .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
      // answered once each partition is online at its leader (the admin client retries until then)
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      partitionsByTopic.forEach(
          (topic, partitions) -> {
            for (int p = 0; p < partitions; p++) {
              ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
          });
      admin.listOffsets(ends).all().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("creating " + partitionsByTopic.keySet() + " failed", e);
    }
  }

  private static boolean knowsLeaders(
      KafkaProducer<String, String> producer, String topic, int partitions) {
    List<PartitionInfo> known = producer.partitionsFor(topic);
    return known.size() == partitions && known.stream().allMatch(p -> p.leader() != null);
  }

  /** Publishes an event as the services do (binary CloudEvents, key = subject). */
  public <T> EventEnvelope<T> publish(
      EventType<T> type, String subject, T payload, String correlationId) {
    EventEnvelope<T> event =
        new EventEnvelope<>(
            UUID.randomUUID(),
            type.type(),
            "/test",
            subject,
            Instant.now(),
            correlationId,
            null,
            payload);
    publish(type, event);
    return event;
  }

  /** Publishes a given envelope again (to test idempotency, say). */
  public <T> void publish(EventType<T> type, EventEnvelope<T> event) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic(type.topic()), event.subject(), EventJson.write(event.data()));
    header(record, CloudEventAttributes.HEADER_ID, event.id().toString());
    header(record, CloudEventAttributes.HEADER_SPEC_VERSION, CloudEventAttributes.SPEC_VERSION);
    header(record, CloudEventAttributes.HEADER_TYPE, event.type());
    header(record, CloudEventAttributes.HEADER_SOURCE, event.source());
    header(record, CloudEventAttributes.HEADER_SUBJECT, event.subject());
    header(record, CloudEventAttributes.HEADER_TIME, event.time().toString());
    header(record, CloudEventAttributes.HEADER_CONTENT_TYPE, CloudEventAttributes.CONTENT_TYPE);
    header(record, CloudEventAttributes.HEADER_CORRELATION_ID, event.correlationId());
    send(record);
  }

  /** Publishes a raw record with the given headers. */
  public void publishRaw(
      String physicalTopic, String key, String value, Map<String, String> headers) {
    ProducerRecord<String, String> record = new ProducerRecord<>(physicalTopic, key, value);
    headers.forEach((k, v) -> header(record, k, v));
    send(record);
  }

  /**
   * Waits until {@code count} records of a physical topic match, reading every partition from the
   * beginning without a consumer group.
   */
  public List<ConsumerRecord<String, String>> await(
      String physicalTopic,
      Predicate<ConsumerRecord<String, String>> filter,
      int count,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<String, String>> matched = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = newConsumer()) {
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("topic " + physicalTopic + " never appeared");
        }
        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(2)).get(physicalTopic);
        if (infos != null) {
          partitions =
              infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        } else {
          sleep(200);
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (matched.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "saw "
                  + matched.size()
                  + " of "
                  + count
                  + " expected records on "
                  + physicalTopic
                  + " within "
                  + timeout);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (filter.test(r)) {
            matched.add(r);
          }
        }
      }
    }
    return matched;
  }

  /**
   * Waits for {@code count} events of a type that match, and reads them. Records that are not
   * events of the type (dead-letter tests put such records on the same topics) are skipped.
   */
  public <T> List<EventEnvelope<T>> awaitEvents(
      EventType<T> type, Predicate<EventEnvelope<T>> filter, int count, Duration timeout) {
    List<EventEnvelope<T>> events = new ArrayList<>();
    await(
        topic(type.topic()),
        r -> {
          EventEnvelope<T> e = eventOrNull(r, type);
          if (e != null && filter.test(e)) {
            events.add(e);
            return true;
          }
          return false;
        },
        count,
        timeout);
    return events;
  }

  /**
   * Every event of a type that matches, among the records its topic holds right now: for asserting
   * that something happened exactly once (wait for it first, then read all).
   */
  public <T> List<EventEnvelope<T>> readEvents(
      EventType<T> type, Predicate<EventEnvelope<T>> filter) {
    List<EventEnvelope<T>> events = new ArrayList<>();
    for (ConsumerRecord<String, String> r : readAll(topic(type.topic()))) {
      EventEnvelope<T> e = eventOrNull(r, type);
      if (e != null && filter.test(e)) {
        events.add(e);
      }
    }
    return events;
  }

  /** Every record a physical topic holds right now, from the beginning to the current end. */
  public List<ConsumerRecord<String, String>> readAll(String physicalTopic) {
    try (KafkaConsumer<String, String> consumer = newConsumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(physicalTopic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + physicalTopic + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** The record as an event of {@code type}, or null when it is not one. */
  public static <T> EventEnvelope<T> eventOrNull(
      ConsumerRecord<String, String> r, EventType<T> type) {
    if (!type.type().equals(header(r, CloudEventAttributes.HEADER_TYPE))) {
      return null;
    }
    try {
      return envelope(r, type);
    } catch (RuntimeException notAnEvent) {
      return null;
    }
  }

  /** Reads a record published by a service back into an envelope. */
  public static <T> EventEnvelope<T> envelope(ConsumerRecord<String, String> r, EventType<T> type) {
    return new EventEnvelope<>(
        UUID.fromString(header(r, CloudEventAttributes.HEADER_ID)),
        header(r, CloudEventAttributes.HEADER_TYPE),
        header(r, CloudEventAttributes.HEADER_SOURCE),
        header(r, CloudEventAttributes.HEADER_SUBJECT),
        Instant.parse(header(r, CloudEventAttributes.HEADER_TIME)),
        header(r, CloudEventAttributes.HEADER_CORRELATION_ID),
        header(r, CloudEventAttributes.HEADER_CAUSATION_ID),
        EventJson.read(r.value(), type.payload()));
  }

  private KafkaConsumer<String, String> newConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  /** A header's value as text, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    if (value != null) {
      record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void send(ProducerRecord<String, String> record) {
    try {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("publishing to " + record.topic() + " failed", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
