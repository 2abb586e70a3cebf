package io.backtest.audit.domain;

import java.time.Instant;

/**
 * Which entries of the log to list; every criterion is optional (null) and they combine with AND.
 *
 * @param correlationId entries of one correlation id (a whole cycle)
 * @param subject entries about one strategy, cycle or symbol
 * @param type entries of one CloudEvents type
 * @param from event time at or after this instant
 * @param to event time before this instant
 */
public record EntryFilter(
    String correlationId, String subject, String type, Instant from, Instant to) {}
