package io.backtest.audit.domain;

import java.util.UUID;

/**
 * A record the audit log could not take and sent to its topic's dead-letter queue: where it was
 * read, where it went and why, for the alert that tells operators.
 *
 * @param topic logical topic the record was read from (the environment prefix removed)
 * @param partition its partition
 * @param offset its offset
 * @param deadLetterTopic the physical topic it was sent to ({@code <physical topic>.dlq})
 * @param reason why the log refused it
 * @param eventId its {@code ce_id} when the record could be read as an event, else null
 * @param correlationId its correlation id when it carries a valid one, else null
 */
public record DeadLetter(
    String topic,
    int partition,
    long offset,
    String deadLetterTopic,
    String reason,
    UUID eventId,
    String correlationId) {}
