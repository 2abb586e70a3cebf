package io.backtest.strategy.service;

import io.backtest.contracts.http.Problem.FieldError;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.MarketReplay;
import io.backtest.strategy.domain.ReplayStatus;
import io.backtest.strategy.mapping.ViewMapper;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.MarketReplayRepository;
import io.backtest.strategy.rest.ReplayRequest;
import io.backtest.strategy.rest.ReplayView;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.RequestParameters;
import io.backtest.support.http.SortRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Market replays: a dataset's bars published to {@code market.bars} as a market feed would publish
 * them ({@link MarketReplayer} does the publishing), followed and stopped through the API.
 */
@ApplicationScoped
public class MarketReplayService {
  /** Fastest pace a replay may ask for. */
  public static final double MAX_BARS_PER_SECOND = 100_000;

  private final MarketReplayRepository replays;
  private final DatasetRepository datasets;
  private final DatasetBarCache bars;
  private final MarketReplayer replayer;

  public MarketReplayService(
      MarketReplayRepository replays,
      DatasetRepository datasets,
      DatasetBarCache bars,
      MarketReplayer replayer) {
    this.replays = replays;
    this.datasets = datasets;
    this.bars = bars;
    this.replayer = replayer;
  }

  /** A replay stored as RUNNING with the bars it publishes. */
  private record Planned(MarketReplay replay, List<OhlcvBar> bars) {}

  /**
   * Stores a replay as RUNNING and starts publishing its bars on a worker thread; answers at once.
   *
   * @throws ProblemException 400 naming the invalid field, 404 for an unknown dataset, 409 when a
   *     replay of the dataset's symbol and timeframe is running or this instance runs as many
   *     replays as it may, 422 when no bar opens at or after {@code from}
   */
  public Uni<ReplayView> start(ReplayRequest request, String correlationId) {
    if (request == null) {
      throw ProblemException.badRequest("body", "a JSON object is required");
    }
    List<FieldError> errors = new ArrayList<>();
    String datasetId = request.datasetId();
    if (datasetId == null || datasetId.isBlank()) {
      errors.add(new FieldError("datasetId", "is required"));
    }
    Double rate = request.barsPerSecond();
    if (rate != null && !(rate > 0 && rate <= MAX_BARS_PER_SECOND)) {
      errors.add(
          new FieldError(
              "barsPerSecond",
              "must be greater than 0 and at most 100000 (absent: as fast as possible) but was "
                  + rate));
    }
    Instant from = null;
    try {
      from = RequestParameters.optionalInstant("from", request.from());
    } catch (ProblemException e) {
      errors.addAll(e.errors());
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400,
          "Bad Request",
          errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")),
          errors);
    }
    if (!replayer.reserve()) {
      throw ProblemException.conflict(
          "this instance runs "
              + replayer.maxRunning()
              + " replays already, as many as it may (strategy.replay.max-running); stop one or"
              + " wait for one to end");
    }
    Instant start = from;
    Instant now = now();
    return replayer
        .failStale(now)
        .chain(
            () ->
                Panache.withTransaction(
                    () -> plan(datasetId.strip(), rate, start, now, correlationId)))
        .onFailure(MarketReplayRepository::isOneRunningViolation)
        .transform(e -> ProblemException.conflict("a replay of this market is running already"))
        .onFailure()
        .invoke(replayer::release)
        .map(
            planned -> {
              try {
                replayer.launch(planned.replay(), planned.bars());
              } catch (RuntimeException e) {
                Log.errorf(e, "market replay %s could not start", planned.replay().id);
                throw e;
              }
              return ViewMapper.replay(planned.replay());
            });
  }

  private Uni<Planned> plan(
      String datasetId, Double rate, Instant from, Instant now, String correlationId) {
    return datasets
        .findById(datasetId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Dataset", datasetId))
        .chain(
            dataset ->
                replays
                    .running(dataset.symbol, dataset.timeframe)
                    .chain(
                        running -> {
                          if (running != null) {
                            throw ProblemException.conflict(
                                "replay "
                                    + running.id
                                    + " of "
                                    + dataset.symbol
                                    + " "
                                    + dataset.timeframe
                                    + " is running; stop it first (POST"
                                    + " /api/v1/market/replay/"
                                    + running.id
                                    + "/stop)");
                          }
                          return bars.bars(dataset);
                        })
                    .chain(
                        all -> {
                          List<OhlcvBar> selected = from(all, from, dataset);
                          MarketReplay r =
                              replay(dataset, rate, from, selected.size(), now, correlationId);
                          return replays
                              .persist(r)
                              .call(replays::flush)
                              .map(x -> new Planned(r, selected));
                        }));
  }

  /** The bars opening at or after {@code from} (all when null); 422 when there are none. */
  private static List<OhlcvBar> from(List<OhlcvBar> all, Instant from, Dataset dataset) {
    if (from == null) {
      return all;
    }
    // bars are in strictly increasing time order: binary search for the first at or after from
    int lo = 0;
    int hi = all.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (all.get(mid).time().isBefore(from)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == all.size()) {
      throw ProblemException.unprocessable(
          "from",
          "dataset "
              + dataset.id
              + " has no bar opening at or after "
              + from
              + " (its last opens at "
              + dataset.lastTime
              + ")");
    }
    return all.subList(lo, all.size());
  }

  private MarketReplay replay(
      Dataset dataset, Double rate, Instant from, int total, Instant now, String correlationId) {
    MarketReplay r = new MarketReplay();
    r.id = UUID.randomUUID();
    r.datasetId = dataset.id;
    r.symbol = dataset.symbol;
    r.timeframe = dataset.timeframe;
    r.barsPerSecond = rate;
    r.from = from;
    r.totalBars = total;
    r.publishedBars = 0;
    r.status = ReplayStatus.RUNNING;
    r.correlationId = correlationId;
    r.owner = replayer.instance();
    r.startedAt = now;
    r.heartbeatAt = now;
    return r;
  }

  /** One replay; 404 when there is none. */
  @WithSession
  public Uni<ReplayView> find(UUID id) {
    return replays
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Replay", id))
        .map(ViewMapper::replay);
  }

  /** A page of replays in {@code order}, of one status or (null) of all. */
  @WithSession
  public Uni<Page<ReplayView>> page(ReplayStatus status, PageRequest request, SortRequest order) {
    return replays
        .count(status)
        .chain(
            total ->
                replays
                    .page(status, request, order)
                    .map(list -> Page.of(list, request, total).map(ViewMapper::replay)));
  }

  /**
   * Stops a running replay and answers its state once stopped: the bars acknowledged so far stay
   * published. A replay that has ended is answered as it is, unchanged.
   *
   * @throws ProblemException 404 when there is no such replay
   */
  public Uni<ReplayView> stop(UUID id) {
    CompletableFuture<Void> local = replayer.stop(id);
    if (local != null) {
      // the worker completes it on its own thread: come back to the caller's context
      Context context = Vertx.currentContext();
      Uni<Void> stopped = Uni.createFrom().completionStage(local);
      if (context != null) {
        stopped = stopped.emitOn(command -> context.runOnContext(v -> command.run()));
      }
      return stopped.chain(() -> find(id));
    }
    // not running here: running on another instance (whose worker sees the stop at its next
    // progress record), lost, or ended
    return Panache.withTransaction(
            () ->
                replays
                    .findById(id)
                    .onItem()
                    .ifNull()
                    .failWith(() -> ProblemException.notFound("Replay", id))
                    .call(r -> replays.stopRunning(id, now())))
        .chain(() -> find(id));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
