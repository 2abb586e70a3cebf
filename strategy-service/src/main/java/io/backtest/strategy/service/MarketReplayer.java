package io.backtest.strategy.service;

import io.backtest.contracts.events.MarketBar;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.strategy.config.ReplayConfig;
import io.backtest.strategy.domain.MarketReplay;
import io.backtest.strategy.domain.ReplayStatus;
import io.backtest.strategy.messaging.MarketBarPublisher;
import io.backtest.strategy.repository.MarketReplayRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs market replays, each on a thread of its own (never on the event loop): sends a dataset's
 * bars in time order to {@code market.bars}, paced to the requested rate, waits for the broker's
 * acknowledgements every batch and records the progress then, and at the end. At most {@code
 * strategy.replay.max-running} replays run on one instance.
 *
 * <p>Bar {@code i} (from 0) of a paced replay is sent no earlier than {@code i / barsPerSecond}
 * seconds after the first, so a replay of n bars takes at least {@code (n - 1) / barsPerSecond}
 * seconds; an unpaced one sends as fast as the broker acknowledges.
 */
@ApplicationScoped
public class MarketReplayer {
  /** Progress is recorded at least this often while a paced replay sends. */
  private static final long PACED_PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** Largest batch: what {@link MarketBarPublisher}'s emitter buffers, with room to spare. */
  static final int MAX_BATCH = 10_000;

  private final MarketReplayRepository replays;
  private final MarketBarPublisher publisher;
  private final ReplayConfig config;
  private final String instance;
  private final Semaphore slots;
  private final Map<UUID, Running> running = new ConcurrentHashMap<>();
  private final ExecutorService workers;

  public MarketReplayer(
      MarketReplayRepository replays, MarketBarPublisher publisher, ReplayConfig config) {
    this.replays = replays;
    this.publisher = publisher;
    this.config = config;
    this.instance = config.instanceId().orElseGet(MarketReplayer::hostName);
    this.slots = new Semaphore(Math.max(1, config.maxRunning()));
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "market-replay-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The name this instance records as the owner of its replays. */
  public String instance() {
    return instance;
  }

  /** Most replays running at once on this instance. */
  public int maxRunning() {
    return Math.max(1, config.maxRunning());
  }

  void onStart(@Observes StartupEvent start) throws Throwable {
    // Hibernate Reactive needs a Vert.x context; start-up observers run on the main thread.
    VertxContextSupport.subscribeAndAwait(this::failInterrupted);
  }

  /**
   * Marks FAILED the running replays this instance owns (it runs none yet: they were interrupted by
   * its restart) and those of lost instances ({@link #failStale}); returns how many.
   */
  public Uni<Integer> failInterrupted() {
    Instant now = now();
    return Panache.withTransaction(
            () -> replays.failOwnedBy(instance, "interrupted by a restart", now))
        .chain(
            mine ->
                failStale(now)
                    .invoke(
                        stale -> {
                          if (mine + stale > 0) {
                            Log.warnf(
                                "market replay: %d unfinished replays of this instance (%s) and"
                                    + " %d of lost instances marked FAILED",
                                mine, instance, stale);
                          }
                        })
                    .map(stale -> mine + stale));
  }

  void onStop(@Observes ShutdownEvent stop) {
    // the replays still running stay RUNNING: the next start of this instance marks them FAILED
    running
        .values()
        .forEach(
            r -> {
              r.shutdown = true;
              r.requestStop();
            });
    workers.shutdownNow();
  }

  /**
   * Marks FAILED the running replays whose worker has shown no sign of life for {@code
   * strategy.replay.stale-after}: their instance is gone. Runs in its own transaction.
   */
  public Uni<Integer> failStale(Instant now) {
    return Panache.withTransaction(
        () ->
            replays.failStale(
                now.minus(config.staleAfter()),
                "interrupted: no progress for more than "
                    + config.staleAfter()
                    + " (its instance stopped)",
                now));
  }

  /** Takes one of the slots for a replay; false when all are taken. */
  boolean reserve() {
    return slots.tryAcquire();
  }

  /** Gives back a slot taken by {@link #reserve()} for a replay that did not start. */
  void release() {
    slots.release();
  }

  /**
   * Starts publishing {@code bars} for a replay stored as RUNNING, on a slot taken by {@link
   * #reserve()} (given back when it ends).
   */
  void launch(MarketReplay replay, List<OhlcvBar> bars) {
    Running r = new Running(replay.id);
    running.put(replay.id, r);
    try {
      workers.execute(
          () -> {
            try {
              publish(replay, bars, r);
            } finally {
              running.remove(replay.id);
              slots.release();
              r.finished.complete(null);
            }
          });
    } catch (RuntimeException e) {
      running.remove(replay.id);
      slots.release();
      r.finished.complete(null);
      throw e;
    }
  }

  /**
   * Asks a replay running on this instance to stop; completes once it has stopped and recorded its
   * state. Null when it does not run here.
   */
  CompletableFuture<Void> stop(UUID id) {
    Running r = running.get(id);
    if (r == null) {
      return null;
    }
    r.requestStop();
    return r.finished;
  }

  private void publish(MarketReplay replay, List<OhlcvBar> bars, Running r) {
    Double rate = replay.barsPerSecond;
    int batch = Math.clamp(config.batchSize(), 1, MAX_BATCH);
    long heartbeatNanos = Math.max(1, config.heartbeatInterval().toNanos());
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    int sent = 0;
    int acknowledged = 0;
    Instant lastBarTime = null;
    ReplayStatus status = ReplayStatus.COMPLETED;
    String error = null;
    long start = System.nanoTime();
    long lastRecord = start;
    Log.infof(
        "market replay %s: %d bars of %s (%s %s) at %s",
        replay.id,
        bars.size(),
        replay.datasetId,
        replay.symbol,
        replay.timeframe,
        rate == null ? "full speed" : rate + " bars/s");
    try {
      for (OhlcvBar bar : bars) {
        if (rate != null) {
          long due = start + (long) (sent * 1e9 / rate);
          // wait for the bar's time, waking to record a heartbeat during long waits
          while (!r.stopRequested()) {
            long wait = due - System.nanoTime();
            if (wait <= 0) {
              break;
            }
            long untilHeartbeat = lastRecord + heartbeatNanos - System.nanoTime();
            if (r.awaitStop(Math.min(wait, Math.max(0, untilHeartbeat)))) {
              break;
            }
            if (System.nanoTime() - lastRecord >= heartbeatNanos) {
              if (!record(replay.id, acknowledged, lastBarTime)) {
                r.stoppedElsewhere = true;
                r.requestStop();
              }
              lastRecord = System.nanoTime();
            }
          }
        }
        if (r.stopRequested()) {
          break;
        }
        inFlight.add(publisher.send(toEvent(replay, bar), replay.correlationId));
        sent++;
        boolean due =
            inFlight.size() >= batch
                || (rate != null && System.nanoTime() - lastRecord >= PACED_PROGRESS_NANOS);
        if (due) {
          awaitAll(inFlight);
          acknowledged = sent;
          lastBarTime = bar.time();
          if (!record(replay.id, acknowledged, lastBarTime)) {
            r.stoppedElsewhere = true;
            break;
          }
          lastRecord = System.nanoTime();
        }
      }
      awaitAll(inFlight);
      if (sent > acknowledged) {
        acknowledged = sent;
        lastBarTime = bars.get(sent - 1).time();
      }
      if (r.shutdown) {
        status = ReplayStatus.FAILED;
        error = "interrupted by a shutdown";
      } else if (r.stopRequested() || r.stoppedElsewhere) {
        status = ReplayStatus.STOPPED;
      }
    } catch (RuntimeException e) {
      status = ReplayStatus.FAILED;
      error = "publishing to market.bars failed: " + message(e);
      Log.errorf(e, "market replay %s failed after %d bars", replay.id, acknowledged);
    }
    finish(replay.id, status, acknowledged, lastBarTime, error);
    Log.infof(
        "market replay %s: %s, %d of %d bars published in %d ms",
        replay.id,
        status,
        acknowledged,
        bars.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static MarketBar toEvent(MarketReplay replay, OhlcvBar bar) {
    return new MarketBar(
        replay.symbol,
        replay.timeframe,
        bar.time(),
        bar.open(),
        bar.high(),
        bar.low(),
        bar.close(),
        bar.volume());
  }

  /** Waits for every future and clears the list. */
  private static void awaitAll(List<CompletableFuture<Void>> futures) {
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(message(e.getCause()), e.getCause());
    } finally {
      futures.clear();
    }
  }

  /** Records progress; false when the replay is no longer running in the database. */
  private boolean record(UUID id, int published, Instant lastBarTime) {
    return inDatabase(() -> replays.progress(id, published, lastBarTime, now())) > 0;
  }

  private void finish(
      UUID id, ReplayStatus status, int published, Instant lastBarTime, String error) {
    try {
      inDatabase(() -> replays.finish(id, status, published, lastBarTime, error, now()));
    } catch (RuntimeException e) {
      // it stays RUNNING until its heartbeat is stale or this instance restarts
      Log.errorf(e, "market replay %s: could not record its end (%s)", id, status);
    }
  }

  private static <T> T inDatabase(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  /** A replay running on this instance. */
  private static final class Running {
    final UUID id;
    final CountDownLatch stop = new CountDownLatch(1);
    final CompletableFuture<Void> finished = new CompletableFuture<>();
    volatile boolean stoppedElsewhere;
    volatile boolean shutdown;

    Running(UUID id) {
      this.id = id;
    }

    void requestStop() {
      stop.countDown();
    }

    boolean stopRequested() {
      return stop.getCount() == 0;
    }

    /** Waits up to {@code nanos} for a stop request; true when one came. */
    boolean awaitStop(long nanos) {
      try {
        return stop.await(nanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
  }
}
