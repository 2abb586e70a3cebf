package io.backtest.contracts;

/**
 * One kind of event: the topic it travels on, its CloudEvents {@code type}, the record that is its
 * payload, what its {@code subject} (and Kafka key) identifies, and the minimum partition count of
 * its topic.
 *
 * @param topic logical topic name (see {@link Topics})
 * @param type CloudEvents {@code type} attribute, reverse-DNS prefixed
 * @param payload the record carried as the event's data
 * @param subject what {@code ce_subject} and the Kafka key identify: {@code strategy}, {@code
 *     cycle}, {@code symbol}, or {@code log} (the audit log, subject {@code audit-log})
 * @param partitions minimum partition count of the topic
 * @param summary one sentence for documentation
 */
public record EventType<T>(
    String topic, String type, Class<T> payload, String subject, int partitions, String summary) {

  /** File name of the payload's JSON Schema under {@code schemas/} on the classpath. */
  public String schemaFile() {
    return topic + ".json";
  }
}
