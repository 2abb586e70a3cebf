package io.backtest.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the audit log as the API shows it. Every member except {@code hash} and {@code
 * leafHash} is hashed (see {@link io.backtest.audit.log.LogEntry}), so a client can recompute the
 * chain and the leaf itself.
 *
 * @param seq position in the log, gapless from 1
 * @param eventId the event's {@code ce_id}
 * @param type CloudEvents type
 * @param source producing service
 * @param subject strategy, cycle or symbol the event is about
 * @param correlationId one id for a whole cycle
 * @param causationId the event that caused this one
 * @param eventTime when the event happened ({@code ce_time})
 * @param ingestedAt when the audit log recorded it
 * @param topic logical topic it travelled on
 * @param partition Kafka partition it was read from
 * @param offset Kafka offset it was read from
 * @param summary the decision in one sentence
 * @param payload the event's data
 * @param prevHash hash of the previous entry, hex (64 zeros for the first)
 * @param hash SHA-256 of prevHash and this entry's canonical JSON, hex
 * @param leafHash SHA-256 of 0x00 and this entry's canonical JSON, hex: its leaf in the Merkle tree
 *     (leaf index seq - 1); null only before start-up filled in an entry of an older log
 */
public record AuditEntryView(
    long seq,
    UUID eventId,
    String type,
    String source,
    String subject,
    String correlationId,
    String causationId,
    Instant eventTime,
    Instant ingestedAt,
    String topic,
    int partition,
    long offset,
    String summary,
    JsonNode payload,
    String prevHash,
    String hash,
    String leafHash) {}
