package io.backtest.strategy.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A market replay and its progress.
 *
 * @param replayId the replay
 * @param datasetId the dataset whose bars it publishes
 * @param symbol the dataset's symbol: subject and key of every bar
 * @param timeframe the dataset's timeframe
 * @param barsPerSecond the pace; null for as fast as the broker acknowledges
 * @param from only bars opening at or after it; null for all
 * @param totalBars bars to publish
 * @param publishedBars bars published and acknowledged by the broker so far
 * @param status {@code RUNNING}, {@code COMPLETED}, {@code STOPPED} or {@code FAILED}
 * @param error why it failed; null unless FAILED
 * @param startedAt when it started
 * @param finishedAt when it ended; null while running
 * @param lastBarTime open time of the last bar published; null before the first
 */
public record ReplayView(
    UUID replayId,
    String datasetId,
    String symbol,
    String timeframe,
    Double barsPerSecond,
    Instant from,
    int totalBars,
    int publishedBars,
    String status,
    String error,
    Instant startedAt,
    Instant finishedAt,
    Instant lastBarTime) {}
