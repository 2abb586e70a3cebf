package io.backtest.regime.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.regime.HmmRegimeDetector;
import io.backtest.engine.regime.TrendRegimeDetector;
import io.backtest.engine.regime.VolatilityRegimeDetector;
import io.backtest.regime.config.RegimeConfig;
import io.backtest.regime.domain.CurrentRegime;
import io.backtest.regime.domain.DetectedChange;
import io.backtest.regime.domain.MarketWindow;
import io.backtest.regime.domain.RecordedRegimeChange;
import io.backtest.regime.domain.RegimeDetectors;
import io.backtest.regime.domain.WindowBar;
import io.backtest.regime.repository.CurrentRegimeRepository;
import io.backtest.regime.repository.MarketWindowRepository;
import io.backtest.regime.repository.RegimeChangeRepository;
import io.backtest.regime.repository.WindowBarRepository;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.SortRequest;
import io.backtest.support.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the regime detectors of every symbol and timeframe on the market feed, and records and
 * announces every change of regime.
 *
 * <p><b>State.</b> The detectors of a window live in memory. They are valid while the last bar they
 * were fed is the window's most recent bar in the database (checked under the window's row lock on
 * every bar); otherwise (first use after a start, a transaction that rolled back after the
 * detectors moved on, or bars processed by another instance after a partition moved) they are
 * rebuilt by replaying the stored window bars in time order, which reports nothing: the regimes
 * last reported stay those of the {@code current_regime} rows. The window must therefore cover the
 * detectors' warm-up, which is checked at start-up.
 *
 * <p><b>Feeding.</b> Only a bar that opens after every bar of its window is fed: a late bar is
 * placed in the window (and counts in a later rebuild) but never fed, a repeated bar time is not
 * stored at all. The detectors' CPU work, replays and model fits above all, runs on a worker
 * thread, never on the event loop; the result comes back on the consumer's context, inside its
 * transaction.
 *
 * <p><b>Changes.</b> Each change is a {@code regime_change} row, an updated {@code current_regime}
 * row and a {@code market.regime.changed} event through the outbox, all in the transaction that
 * consumed the bar.
 */
@ApplicationScoped
public class RegimeService {
  private final MarketWindowService windowService;
  private final MarketWindowRepository windows;
  private final WindowBarRepository bars;
  private final CurrentRegimeRepository currents;
  private final RegimeChangeRepository changes;
  private final Outbox outbox;
  private final PlatformConfig platform;
  private final RegimeConfig config;
  private final RegimeDetectors.Settings settings;
  private final Vertx vertx;
  private final Map<WindowKey, RegimeDetectors> detectors = new ConcurrentHashMap<>();

  /** A window's identity. */
  record WindowKey(String symbol, String timeframe) {}

  public RegimeService(
      MarketWindowService windowService,
      MarketWindowRepository windows,
      WindowBarRepository bars,
      CurrentRegimeRepository currents,
      RegimeChangeRepository changes,
      Outbox outbox,
      PlatformConfig platform,
      RegimeConfig config,
      Vertx vertx) {
    this.windowService = windowService;
    this.windows = windows;
    this.bars = bars;
    this.currents = currents;
    this.changes = changes;
    this.outbox = outbox;
    this.platform = platform;
    this.config = config;
    this.vertx = vertx;
    RegimeConfig.Hmm hmm = config.hmm();
    this.settings =
        new RegimeDetectors.Settings(
            config.volatility().settings(),
            config.trend().settings(),
            hmm.states(),
            hmm.trainingBars(),
            hmm.refitInterval(),
            hmm.confirmationBars(),
            hmm.maxIterations(),
            hmm.tolerance());
  }

  /** Refuses to start with a window that cannot hold the detectors' warm-up. */
  void checkWindowCoversWarmUp(@Observes StartupEvent start) {
    long needed = settings.warmUpBars();
    if (config.windowSize() < needed) {
      throw new IllegalStateException(
          "regime.window-size is "
              + config.windowSize()
              + " but the detectors need "
              + needed
              + " bars of history to be rebuilt after a restart; raise it to at least "
              + needed);
    }
    Log.infof("regime detectors: warm-up %d bars, window %d bars", needed, config.windowSize());
  }

  /** Bars before each detector's first verdict, by detector name. */
  public Map<String, Long> warmUpBars() {
    Map<String, Long> warmUp = new LinkedHashMap<>();
    warmUp.put(
        VolatilityRegimeDetector.NAME,
        new VolatilityRegimeDetector(settings.volatility()).warmUpBars());
    warmUp.put(TrendRegimeDetector.NAME, new TrendRegimeDetector(settings.trend()).warmUpBars());
    warmUp.put(HmmRegimeDetector.NAME, (long) settings.hmmTrainingBars());
    return warmUp;
  }

  /**
   * Adds a bar to its window ({@link MarketWindowService#admitBar}) and, when it is the window's
   * newest, feeds it to the window's detectors, recording and announcing every change.
   */
  @WithTransaction
  public Uni<Void> recordBar(EventEnvelope<MarketBar> event) {
    MarketBar bar = event.data();
    return windowService
        .admitBar(event)
        .chain(
            admission ->
                admission.newest(bar.time())
                    ? detect(admission, event)
                    : Uni.createFrom().voidItem());
  }

  private Uni<Void> detect(
      MarketWindowService.Admission admission, EventEnvelope<MarketBar> event) {
    MarketWindow window = admission.window();
    MarketBar bar = event.data();
    WindowKey key = new WindowKey(window.symbol, window.timeframe);
    RegimeDetectors held = detectors.get(key);
    Uni<RegimeDetectors> ready =
        held != null && Objects.equals(held.lastTime(), admission.previousLast())
            ? Uni.createFrom().item(held)
            : rebuild(key, window, bar.time());
    OhlcvBar ohlcv =
        new OhlcvBar(bar.time(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    return ready.chain(
        state -> {
          window.barsObserved++;
          long observed = window.barsObserved;
          return onWorker(() -> state.update(ohlcv))
              .chain(found -> record(window, event, observed, found));
        });
  }

  /** The window's detectors rebuilt from its stored bars before {@code before}, silently. */
  private Uni<RegimeDetectors> rebuild(WindowKey key, MarketWindow window, Instant before) {
    detectors.remove(key);
    return bars.listInTimeOrder(window.id)
        .chain(
            stored ->
                currents
                    .listByWindow(window.symbol, window.timeframe)
                    .chain(
                        rows -> {
                          Map<String, String> reported = new HashMap<>();
                          rows.forEach(r -> reported.put(r.id.detector(), r.regime));
                          List<OhlcvBar> history =
                              stored.stream()
                                  .filter(b -> b.id.openTime().isBefore(before))
                                  .map(RegimeService::toOhlcv)
                                  .toList();
                          long started = System.nanoTime();
                          return onWorker(() -> RegimeDetectors.replay(settings, history, reported))
                              .invoke(
                                  rebuilt -> {
                                    if (!history.isEmpty()) {
                                      Log.infof(
                                          "%s %s: detectors rebuilt from %d stored bars in %d ms,"
                                              + " standing at %s",
                                          key.symbol(),
                                          key.timeframe(),
                                          history.size(),
                                          (System.nanoTime() - started) / 1_000_000,
                                          rebuilt.currentRegimes());
                                    }
                                    detectors.put(key, rebuilt);
                                  });
                        }));
  }

  private static OhlcvBar toOhlcv(WindowBar bar) {
    return new OhlcvBar(bar.id.openTime(), bar.open, bar.high, bar.low, bar.close, bar.volume);
  }

  private Uni<Void> record(
      MarketWindow window,
      EventEnvelope<MarketBar> cause,
      long observed,
      List<DetectedChange> found) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (DetectedChange change : found) {
      chain = chain.chain(() -> record(window, cause, observed, change));
    }
    return chain;
  }

  private Uni<Void> record(
      MarketWindow window, EventEnvelope<MarketBar> cause, long observed, DetectedChange change) {
    Instant now = Instant.now();
    MarketRegimeChanged data =
        new MarketRegimeChanged(
            window.symbol,
            window.timeframe,
            change.detector(),
            change.from(),
            change.to(),
            cause.data().time(),
            observed,
            change.statistics(),
            change.reason(),
            now);
    EventEnvelope<MarketRegimeChanged> event =
        cause.causes(EventCatalog.MARKET_REGIME_CHANGED, platform.source(), window.symbol, data);
    Log.infof("%s %s: %s", window.symbol, window.timeframe, data.reason());

    RecordedRegimeChange row = new RecordedRegimeChange();
    row.symbol = data.symbol();
    row.timeframe = data.timeframe();
    row.detector = data.detector();
    row.from = data.from();
    row.to = data.to();
    row.barTime = data.barTime();
    row.barsObserved = data.barsObserved();
    row.statistics = data.statistics();
    row.reason = data.reason();
    row.changedAt = now;
    row.eventId = event.id();

    CurrentRegime.Key key = new CurrentRegime.Key(data.symbol(), data.timeframe(), data.detector());
    return changes
        .persist(row)
        .chain(() -> currents.findById(key))
        .chain(
            current -> {
              CurrentRegime target = current != null ? current : new CurrentRegime();
              target.id = key;
              target.regime = data.to();
              target.since = data.barTime();
              target.barsObserved = data.barsObserved();
              target.statistics = data.statistics();
              target.updatedAt = now;
              return current != null
                  ? Uni.createFrom().voidItem()
                  : currents.persist(target).replaceWithVoid();
            })
        .chain(() -> outbox.add(EventCatalog.MARKET_REGIME_CHANGED, event));
  }

  /** Runs CPU work on a worker thread; the result arrives on the caller's context. */
  private <T> Uni<T> onWorker(Callable<T> work) {
    return Uni.createFrom()
        .completionStage(() -> vertx.executeBlocking(work, true).toCompletionStage());
  }

  /**
   * The windows of a symbol (one timeframe when not null) with the current regimes of their
   * detectors; null when the symbol has no such window.
   */
  @WithSession
  public Uni<Snapshot> currentRegimes(String symbol, String timeframe) {
    return windows
        .listBySymbol(symbol, timeframe)
        .chain(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().<Snapshot>nullItem()
                    : currents
                        .listBySymbol(symbol, timeframe)
                        .map(regimes -> new Snapshot(found, regimes)));
  }

  /**
   * A symbol's windows and the current regimes of their detectors.
   *
   * @param windows the windows, by timeframe
   * @param regimes the current regimes, by timeframe then detector
   */
  public record Snapshot(List<MarketWindow> windows, List<CurrentRegime> regimes) {}

  /** One page of a symbol's regime changes in {@code order}, with the number matching. */
  @WithSession
  public Uni<Page<RecordedRegimeChange>> history(
      RegimeChangeRepository.Filter filter, PageRequest request, SortRequest order) {
    return changes
        .listPage(filter, request, order)
        .chain(items -> changes.count(filter).map(total -> Page.of(items, request, total)));
  }

  /** Drops every detector held in memory, as a restart does. */
  void forgetDetectors() {
    detectors.clear();
  }

  /** The regimes the in-memory detectors of a window stand at; null when none are held. */
  Map<String, String> detectorRegimes(String symbol, String timeframe) {
    RegimeDetectors held = detectors.get(new WindowKey(symbol, timeframe));
    return held == null ? null : held.currentRegimes();
  }
}
