package io.backtest.regime.service;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.MarketBar;
import io.backtest.regime.config.RegimeConfig;
import io.backtest.regime.domain.MarketWindow;
import io.backtest.regime.domain.ReturnMoments;
import io.backtest.regime.domain.Timeframe;
import io.backtest.regime.domain.WindowBar;
import io.backtest.regime.repository.MarketWindowRepository;
import io.backtest.regime.repository.WindowBarRepository;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Keeps the rolling window of every symbol and timeframe up to date with the market feed. */
@ApplicationScoped
public class MarketWindowService {
  private final MarketWindowRepository windows;
  private final WindowBarRepository bars;
  private final RegimeConfig config;

  public MarketWindowService(
      MarketWindowRepository windows, WindowBarRepository bars, RegimeConfig config) {
    this.windows = windows;
    this.bars = bars;
    this.config = config;
  }

  /**
   * Adds a bar to its window by bar time (bars may arrive out of order), then drops the oldest bars
   * beyond the window size, updating the window's extent and running sums. A bar whose time the
   * window already holds is ignored: the first delivery of a bar wins.
   *
   * @throws MalformedEventException (as the Uni's failure) when the timeframe is not supported: no
   *     annualisation is defined for it, so the bar goes to the dead-letter queue
   */
  @WithTransaction
  public Uni<Void> recordBar(EventEnvelope<MarketBar> event) {
    return admitBar(event).replaceWithVoid();
  }

  /**
   * What {@link #recordBar} does, telling what became of the bar: the window stays locked until the
   * end of the caller's transaction.
   */
  @WithTransaction
  public Uni<Admission> admitBar(EventEnvelope<MarketBar> event) {
    MarketBar bar = event.data();
    if (!event.subject().equals(bar.symbol())) {
      // the key orders a symbol's bars in one partition; a bar keyed otherwise broke that
      return Uni.createFrom()
          .failure(
              new MalformedEventException(
                  "ce_subject '" + event.subject() + "' is not the bar's symbol " + bar.symbol()));
    }
    Timeframe timeframe;
    try {
      timeframe = Timeframe.parse(bar.timeframe());
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(new MalformedEventException(e.getMessage(), e));
    }
    return windows
        .lockOrCreate(bar.symbol(), bar.timeframe(), timeframe.barsPerYear())
        .chain(
            window -> {
              Instant previousLast = window.lastTime;
              return bars.findById(new WindowBar.Key(window.id, bar.time()))
                  .chain(
                      held ->
                          held == null
                              ? insert(window, event)
                                  .replaceWith(new Admission(window, previousLast, true))
                              : ignoreDuplicate(window, held, event)
                                  .replaceWith(new Admission(window, previousLast, false)));
            });
  }

  /**
   * What became of a bar.
   *
   * @param window the bar's window, locked, after the bar
   * @param previousLast open time of the window's most recent bar before this one; null if none
   * @param stored whether the bar was new to the window (not a repeat of a held bar time)
   */
  public record Admission(MarketWindow window, Instant previousLast, boolean stored) {
    /** Whether the bar is the window's newest: stored, and after every bar before it. */
    public boolean newest(Instant barTime) {
      return stored && (previousLast == null || barTime.isAfter(previousLast));
    }
  }

  private Uni<Void> insert(MarketWindow window, EventEnvelope<MarketBar> event) {
    MarketBar bar = event.data();
    Instant time = bar.time();
    return bars.findBefore(window.id, time)
        .chain(
            before ->
                bars.findAfter(window.id, time)
                    .chain(
                        after -> {
                          if (after != null) {
                            Log.debugf(
                                "%s %s: bar %s arrived after %s, placed by time",
                                bar.symbol(), bar.timeframe(), time, window.lastTime);
                          }
                          window.moments(
                              window
                                  .moments()
                                  .withInserted(
                                      before == null ? null : before.close,
                                      bar.close(),
                                      after == null ? null : after.close));
                          window.bars++;
                          if (window.firstTime == null || time.isBefore(window.firstTime)) {
                            window.firstTime = time;
                          }
                          if (window.lastTime == null || time.isAfter(window.lastTime)) {
                            window.lastTime = time;
                            window.lastClose = bar.close();
                          }
                          window.updatedAt = Instant.now();
                          return bars.persistAndFlush(toEntity(window, event));
                        }))
        .chain(() -> evictBeyondSize(window));
  }

  /** Drops the oldest bars while the window holds more than the configured size. */
  private Uni<Void> evictBeyondSize(MarketWindow window) {
    int excess = window.bars - config.windowSize();
    if (excess <= 0) {
      return Uni.createFrom().voidItem();
    }
    // the oldest `excess` bars go; the one after them becomes the first and bounds the delete
    return bars.listOldest(window.id, excess + 1)
        .chain(
            oldest -> {
              ReturnMoments moments = window.moments();
              for (int i = 0; i < excess; i++) {
                moments = moments.withRemoved(null, oldest.get(i).close, oldest.get(i + 1).close);
              }
              WindowBar first = oldest.get(excess);
              window.moments(moments);
              window.bars -= excess;
              window.firstTime = first.id.openTime();
              return bars.deleteBefore(window.id, first.id.openTime())
                  .invoke(
                      deleted -> {
                        if (deleted != excess) {
                          throw new IllegalStateException(
                              "window "
                                  + window.id
                                  + " deleted "
                                  + deleted
                                  + " bars instead of "
                                  + excess);
                        }
                      });
            })
        .replaceWithVoid();
  }

  private static Uni<Void> ignoreDuplicate(
      MarketWindow window, WindowBar held, EventEnvelope<MarketBar> event) {
    MarketBar bar = event.data();
    boolean same =
        held.open == bar.open()
            && held.high == bar.high()
            && held.low == bar.low()
            && held.close == bar.close()
            && held.volume == bar.volume();
    if (same) {
      Log.infof(
          "%s %s: bar %s already held from event %s; event %s ignored",
          window.symbol, window.timeframe, bar.time(), held.eventId, event.id());
    } else {
      Log.warnf(
          "%s %s: bar %s already held from event %s with other prices (close %s);"
              + " event %s (close %s) ignored, the first delivery wins",
          window.symbol,
          window.timeframe,
          bar.time(),
          held.eventId,
          held.close,
          event.id(),
          bar.close());
    }
    return Uni.createFrom().voidItem();
  }

  private static WindowBar toEntity(MarketWindow window, EventEnvelope<MarketBar> event) {
    MarketBar bar = event.data();
    WindowBar row = new WindowBar();
    row.id = new WindowBar.Key(window.id, bar.time());
    row.open = bar.open();
    row.high = bar.high();
    row.low = bar.low();
    row.close = bar.close();
    row.volume = bar.volume();
    row.eventId = event.id();
    row.receivedAt = Instant.now();
    return row;
  }

  /** The window of a symbol and timeframe, or null. */
  @WithSession
  public Uni<MarketWindow> findWindow(String symbol, String timeframe) {
    return windows.findBySymbolAndTimeframe(symbol, timeframe);
  }

  /** One page of windows in {@code order}, with the total number of windows. */
  @WithSession
  public Uni<Page<MarketWindow>> listWindows(PageRequest request, SortRequest order) {
    return windows
        .listPage(request, order)
        .chain(items -> windows.count().map(total -> Page.of(items, request, total)));
  }

  /** The most recent bars of a window, most recent first; null when the window does not exist. */
  @WithSession
  public Uni<List<WindowBar>> recentBars(String symbol, String timeframe, int limit) {
    return windows
        .findBySymbolAndTimeframe(symbol, timeframe)
        .chain(
            window ->
                window == null
                    ? Uni.createFrom().<List<WindowBar>>nullItem()
                    : bars.listMostRecent(window.id, limit));
  }
}
