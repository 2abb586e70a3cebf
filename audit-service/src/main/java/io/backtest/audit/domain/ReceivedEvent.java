package io.backtest.audit.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An event read from Kafka and accepted for the audit log: its CloudEvents context, where it was
 * read, its payload and the sentence that summarises it.
 *
 * @param eventId {@code ce_id}
 * @param type {@code ce_type}
 * @param source {@code ce_source}
 * @param subject {@code ce_subject}, null if absent
 * @param correlationId extension {@code correlationid}, null if absent
 * @param causationId extension {@code causationid}, null if absent
 * @param eventTime {@code ce_time} at microsecond precision, null if absent
 * @param topic logical topic (the environment prefix removed)
 * @param partition Kafka partition
 * @param offset Kafka offset
 * @param payload the record value, a JSON object
 * @param summary the decision in one sentence
 */
public record ReceivedEvent(
    UUID eventId,
    String type,
    String source,
    String subject,
    String correlationId,
    String causationId,
    Instant eventTime,
    String topic,
    int partition,
    long offset,
    ObjectNode payload,
    String summary) {}
