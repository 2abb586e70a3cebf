package io.backtest.support.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents attributes of a Kafka record, as read by {@link CloudEventHeaders}.
 *
 * @param id {@code ce_id}
 * @param type {@code ce_type}
 * @param source {@code ce_source}
 * @param subject {@code ce_subject}, or null
 * @param time {@code ce_time}, or null
 * @param correlationId extension {@code correlationid}, or null
 * @param causationId extension {@code causationid}, or null
 */
public record CloudEventContext(
    UUID id,
    String type,
    String source,
    String subject,
    Instant time,
    String correlationId,
    String causationId) {}
