package io.backtest.strategy.messaging;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;

/**
 * At most {@code limit} records of one channel in flight. The channel's method starts a record's
 * processing, {@link #enter() enters}, and returns {@link #room()}: SmallRye Reactive Messaging
 * asks for the next record only when that completes, which is at once while fewer than {@code
 * limit} are in flight and otherwise when one {@link #leave() leaves}. One caller at a time waits
 * for room (the channel's method is called once per record, in order).
 */
final class InFlightLimit {
  private static final CompletableFuture<Void> FREE = CompletableFuture.completedFuture(null);

  private final int limit;
  private int inFlight;
  private CompletableFuture<Void> room = FREE;

  InFlightLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    this.limit = limit;
  }

  /** A record's processing started. */
  synchronized void enter() {
    inFlight++;
    if (inFlight >= limit && room.isDone()) {
      room = new CompletableFuture<>();
    }
  }

  /** A record's processing ended (acked or nacked). */
  void leave() {
    CompletableFuture<Void> freed;
    synchronized (this) {
      inFlight--;
      if (inFlight >= limit || room.isDone()) {
        return;
      }
      freed = room;
    }
    // completed outside the lock: it resumes the channel, which may call enter() at once
    freed.complete(null);
  }

  /** Completes when fewer than {@code limit} records are in flight. */
  synchronized Uni<Void> room() {
    CompletableFuture<Void> current = room;
    return current.isDone()
        ? Uni.createFrom().voidItem()
        : Uni.createFrom().completionStage(current);
  }

  /** Records in flight now. */
  synchronized int inFlight() {
    return inFlight;
  }

  int limit() {
    return limit;
  }
}
