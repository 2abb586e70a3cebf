package io.backtest.monitoring.service;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.MarketBar;
import io.backtest.contracts.events.MonitoringAlert;
import io.backtest.contracts.events.StrategyDriftDetected;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.Timeframe;
import io.backtest.engine.drift.DriftDetection;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.monitoring.config.MonitoringConfig;
import io.backtest.monitoring.domain.Alert;
import io.backtest.monitoring.domain.AlertSeverity;
import io.backtest.monitoring.domain.Deployment;
import io.backtest.monitoring.domain.DeploymentStatus;
import io.backtest.monitoring.domain.LivePoint;
import io.backtest.monitoring.domain.LiveRun;
import io.backtest.monitoring.domain.StoredBar;
import io.backtest.monitoring.mapping.AlertMapper;
import io.backtest.monitoring.repository.DeploymentRepository;
import io.backtest.monitoring.repository.LivePointRepository;
import io.backtest.monitoring.repository.StoredBarRepository;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Paper trades the deployed strategies on the market feed and tests them for drift.
 *
 * <p>Each bar is stored once (a later delivery of a bar already held is ignored), then every
 * deployment trading its symbol and timeframe is advanced, locked for the transaction: the stored
 * bars that arrived after its promotion was recorded ({@code start_seq}: by arrival, not by bar
 * time, so that a replay of history is traded as a live feed is), after its last traded bar and up
 * to this one, are traded, each a {@code live_point}; the deployment's live statistics are updated;
 * a drift detection marks it {@code DRIFTED} and publishes {@code strategy.drift.detected} and
 * {@code monitoring.alert} through the outbox, all in the transaction of the bar's event. A bar
 * older than a deployment's last traded bar is stored but not traded by it.
 *
 * <p>A watch's first traded bar fixes its warm-up: the most recent of the bars that had arrived
 * before the promotion ({@code monitoring.paper.warm-up-bars} at most). The in-memory watch ({@link
 * LiveRuns}) is rebuilt, when missing or stale, by replaying exactly the warm-up and the traded
 * bars the database records; the replay re-emits nothing.
 */
@ApplicationScoped
public class PaperTradingService {
  private static final String DRIFT = "drift";

  private final DeploymentRepository deployments;
  private final StoredBarRepository bars;
  private final LivePointRepository points;
  private final LiveRuns runs;
  private final PaperTradingExecutor executor;
  private final StrategyTemplates templates;
  private final MonitoringConfig config;
  private final Outbox outbox;
  private final PlatformConfig platform;

  public PaperTradingService(
      DeploymentRepository deployments,
      StoredBarRepository bars,
      LivePointRepository points,
      LiveRuns runs,
      PaperTradingExecutor executor,
      MonitoringConfig config,
      Outbox outbox,
      PlatformConfig platform) {
    this.deployments = deployments;
    this.bars = bars;
    this.points = points;
    this.runs = runs;
    this.executor = executor;
    this.templates = StrategyTemplates.builtIn();
    this.config = config;
    this.outbox = outbox;
    this.platform = platform;
  }

  /**
   * Stores a bar of the market feed and advances the deployments trading it.
   *
   * @throws MalformedEventException (as the Uni's failure) when the bar is keyed by another symbol,
   *     its timeframe is not a bar length or its time has a fraction of a second: it goes to the
   *     dead-letter queue
   */
  @WithTransaction
  public Uni<Void> recordBar(EventEnvelope<MarketBar> event) {
    MarketBar bar = event.data();
    try {
      check(event);
    } catch (MalformedEventException e) {
      return Uni.createFrom().failure(e);
    }
    return bars.findBar(bar.symbol(), bar.timeframe(), bar.time())
        .chain(
            held -> {
              if (held != null) {
                Log.infof(
                    "%s %s: bar %s already held from event %s; event %s ignored",
                    bar.symbol(), bar.timeframe(), bar.time(), held.eventId, event.id());
                return Uni.createFrom().voidItem();
              }
              StoredBar row = toEntity(event);
              return bars.persistAndFlush(row)
                  .chain(
                      () ->
                          deployments.listTradingForUpdate(bar.symbol(), bar.timeframe(), row.seq))
                  .chain(
                      trading -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Deployment d : trading) {
                          chain = chain.chain(() -> advance(d, row, event));
                        }
                        return chain;
                      });
            });
  }

  private static void check(EventEnvelope<MarketBar> event) {
    MarketBar bar = event.data();
    if (!event.subject().equals(bar.symbol())) {
      // the key orders a symbol's bars in one partition; a bar keyed otherwise broke that
      throw new MalformedEventException(
          "ce_subject '" + event.subject() + "' is not the bar's symbol " + bar.symbol());
    }
    try {
      Timeframe.parse(bar.timeframe());
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException(e.getMessage(), e);
    }
    if (bar.time().getNano() != 0) {
      throw new MalformedEventException(
          "bar time " + bar.time() + " has a fraction of a second; whole seconds expected");
    }
  }

  /** What the worker computed for one deployment. */
  private record Advance(LiveRun run, List<LiveRun.Step> steps) {}

  /** Trades a deployment up to {@code latest}, which was just stored. */
  private Uni<Void> advance(Deployment d, StoredBar latest, EventEnvelope<MarketBar> event) {
    LiveRun cached = runs.current(d);
    long startSeq = d.startSeq == null ? 0 : d.startSeq;
    Uni<List<StoredBar>> warmUp;
    Uni<List<StoredBar>> replay;
    if (cached != null) {
      warmUp = Uni.createFrom().item(List.of());
      replay = Uni.createFrom().item(List.of());
    } else if (d.warmUpSeq == null) {
      // the watch's first traded bar: its warm-up is what had arrived before the promotion
      warmUp =
          bars.listLatestBefore(
              d.symbol, d.timeframe, latest.time, startSeq, config.paper().warmUpBars());
      replay = Uni.createFrom().item(List.of());
    } else {
      replay =
          bars.listTraded(d.symbol, d.timeframe, d.strategyId, d.since).memoize().indefinitely();
      // the warm-up bars are those that had arrived by then and open before the first traded bar
      warmUp =
          d.warmUpFrom == null
              ? Uni.createFrom().item(List.of())
              : replay.chain(
                  r ->
                      bars.listWarmUp(
                          d.symbol,
                          d.timeframe,
                          d.warmUpFrom,
                          r.isEmpty() ? latest.time : r.getFirst().time,
                          d.warmUpSeq));
    }
    return warmUp.chain(
        w ->
            replay.chain(
                r -> {
                  Instant after =
                      d.lastBarTime != null ? d.lastBarTime : w.isEmpty() ? null : w.getLast().time;
                  return bars.listBetween(d.symbol, d.timeframe, after, latest.time, startSeq)
                      .chain(
                          next -> {
                            if (next.isEmpty()) {
                              Log.infof(
                                  "strategy %s: bar %s is not after its last traded bar %s;"
                                      + " not traded",
                                  d.strategyId, latest.time, d.lastBarTime);
                              return Uni.createFrom().voidItem();
                            }
                            if (d.warmUpSeq == null) {
                              d.warmUpSeq = startSeq;
                              d.warmUpFrom = w.isEmpty() ? null : w.getFirst().time;
                              d.warmUpBars = w.size();
                            }
                            return executor
                                .run(() -> compute(d, cached, w, r, next))
                                .chain(
                                    a ->
                                        a == null
                                            ? Uni.createFrom().voidItem()
                                            : record(d, a, event));
                          });
                }));
  }

  /** The CPU work, on a worker thread: rebuild the watch if needed, then trade the new bars. */
  private Advance compute(
      Deployment d,
      LiveRun cached,
      List<StoredBar> warmUp,
      List<StoredBar> replay,
      List<StoredBar> next) {
    LiveRun run = cached;
    if (run == null) {
      try {
        run = newRun(d, d.status == DeploymentStatus.WATCHING);
      } catch (RuntimeException e) {
        Log.errorf(
            "strategy %s: cannot paper trade %s %s: %s",
            d.strategyId, d.template, d.parameters, e.getMessage());
        return null;
      }
      for (StoredBar bar : warmUp) {
        run.warmUp(bar.toOhlcv());
      }
      for (StoredBar bar : replay) {
        if (run.trade(bar.toOhlcv()).detection().isPresent()) {
          // deterministic replay of a watch that did not drift does not detect; only settings
          // changed since could make it: nothing is re-emitted
          Log.warnf(
              "strategy %s: the replay detected drift at %s that the live run did not",
              d.strategyId, bar.time);
        }
      }
      if (run.bars() != d.liveBars) {
        Log.warnf(
            "strategy %s: rebuilt from %d traded bars where %d were recorded",
            d.strategyId, run.bars(), d.liveBars);
      }
      Log.infof(
          "strategy %s: watch rebuilt from %d warm-up and %d traded bars",
          d.strategyId, warmUp.size(), replay.size());
    }
    List<LiveRun.Step> steps = new ArrayList<>(next.size());
    for (StoredBar bar : next) {
      steps.add(run.trade(bar.toOhlcv()));
    }
    return new Advance(run, steps);
  }

  private LiveRun newRun(Deployment d, boolean detecting) {
    StrategyTemplate template =
        templates
            .find(d.template)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown strategy template '"
                            + d.template
                            + "'; known: "
                            + templates.ids()));
    if (d.expected == null) {
      throw new IllegalArgumentException("the promotion carries no expected performance");
    }
    return new LiveRun(
        template,
        // typed against the template's space; IncrementalBacktest validates them
        template.space().typed(d.parameters),
        ExecutionModel.of(d.execution),
        Timeframe.parse(d.timeframe),
        d.barsPerYear,
        d.expected,
        config.drift().settings(),
        detecting);
  }

  /** Records the traded bars, the statistics and any detection, in the bar's transaction. */
  private Uni<Void> record(Deployment d, Advance advance, EventEnvelope<MarketBar> event) {
    LiveRun run = advance.run();
    List<LivePoint> rows = new ArrayList<>(advance.steps().size());
    Optional<LiveRun.Step> detected = Optional.empty();
    for (LiveRun.Step step : advance.steps()) {
      rows.add(toPoint(d, step));
      if (step.detection().isPresent()) {
        detected = Optional.of(step);
      }
    }
    // microseconds: what the database keeps, so the row and the event agree
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    boolean wasWatching = d.status == DeploymentStatus.WATCHING;
    d.liveBars = run.bars();
    d.lastBarTime = run.lastBarTime();
    d.liveEquity = run.equity();
    d.liveReturn = run.totalReturn();
    d.liveDrawdown = run.drawdown();
    d.liveMaxDrawdown = run.maxDrawdown();
    d.liveTrades = run.trades();
    d.liveSharpe = run.sharpe().orElse(null);
    d.livePosition = run.position().name();
    if (wasWatching) {
      run.changeDetector()
          .ifPresent(
              c -> {
                d.changeDetector = c.name();
                d.changeStatistic = c.statistic();
                d.changeThreshold = c.threshold();
              });
    }
    d.updatedAt = now;
    runs.put(d, run);
    Uni<Void> saved = points.persist(rows);
    if (detected.isPresent() && wasWatching) {
      LiveRun.Step step = detected.get();
      saved = saved.chain(() -> drifted(d, step, event, now));
    }
    return saved;
  }

  /** Marks a deployment drifted, stores the alert and publishes both events. */
  private Uni<Void> drifted(
      Deployment d, LiveRun.Step step, EventEnvelope<MarketBar> event, Instant now) {
    DriftDetection detection = step.detection().orElseThrow();
    String detector = LiveRun.contractDetector(detection.detector());
    d.status = DeploymentStatus.DRIFTED;
    d.driftDetector = detector;
    d.driftStatistic = detection.statistic();
    d.driftThreshold = detection.threshold();
    d.driftBarTime = step.time();
    d.driftReason = detection.reason();
    d.driftedAt = now;
    StrategyDriftDetected drift =
        new StrategyDriftDetected(
            d.strategyId,
            d.symbol,
            d.timeframe,
            detector,
            detection.statistic(),
            detection.threshold(),
            step.bars(),
            step.time(),
            detection.reason(),
            now);
    Map<String, Double> details = new LinkedHashMap<>();
    details.put("statistic", detection.statistic());
    details.put("threshold", detection.threshold());
    details.put("window", (double) step.bars());
    details.put("detectorBars", (double) detection.barsObserved());
    details.put("equity", step.equity());
    details.put("drawdown", step.drawdown());
    details.put("trades", (double) step.trades());
    MonitoringAlert alert =
        new MonitoringAlert(
            UUID.randomUUID(),
            AlertSeverity.CRITICAL.name(),
            DRIFT,
            d.strategyId,
            d.symbol,
            null,
            "strategy "
                + d.strategyId
                + " ("
                + d.symbol
                + " "
                + d.timeframe
                + ") "
                + detection.reason(),
            details,
            now);
    String subject = d.strategyId.toString();
    EventEnvelope<MonitoringAlert> alertEvent =
        event.causes(EventCatalog.MONITORING_ALERT, platform.source(), subject, alert);
    Log.warnf("strategy %s: %s", d.strategyId, detection.reason());
    Alert row = AlertMapper.toEntity(alertEvent);
    return row.persist()
        .chain(
            () ->
                outbox.add(
                    EventCatalog.STRATEGY_DRIFT_DETECTED,
                    event.causes(
                        EventCatalog.STRATEGY_DRIFT_DETECTED, platform.source(), subject, drift)))
        .chain(() -> outbox.add(EventCatalog.MONITORING_ALERT, alertEvent));
  }

  private static LivePoint toPoint(Deployment d, LiveRun.Step step) {
    LivePoint p = new LivePoint();
    p.id = new LivePoint.Key(d.strategyId, d.since, step.time());
    p.equity = step.equity();
    p.barReturn = step.barReturn();
    p.drawdown = step.drawdown();
    p.position = step.position();
    p.trades = step.trades();
    return p;
  }

  private static StoredBar toEntity(EventEnvelope<MarketBar> event) {
    MarketBar bar = event.data();
    StoredBar row = new StoredBar();
    row.symbol = bar.symbol();
    row.timeframe = bar.timeframe();
    row.time = bar.time();
    row.open = bar.open();
    row.high = bar.high();
    row.low = bar.low();
    row.close = bar.close();
    row.volume = bar.volume();
    row.eventId = event.id();
    row.receivedAt = Instant.now();
    return row;
  }
}
