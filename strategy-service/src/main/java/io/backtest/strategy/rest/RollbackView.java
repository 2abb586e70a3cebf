package io.backtest.strategy.rest;

import java.util.List;
import java.util.UUID;

/**
 * What a rollback did: the live set is now the one the cycle's decision left.
 *
 * @param cycleId the cycle rolled back to
 * @param demoted live strategies demoted (not in that live set), in order
 * @param promoted strategies promoted again (in that live set, not live), in order
 * @param liveCount live strategies now
 * @param cap maximum number of live strategies
 */
public record RollbackView(
    UUID cycleId, List<UUID> demoted, List<UUID> promoted, int liveCount, int cap) {}
