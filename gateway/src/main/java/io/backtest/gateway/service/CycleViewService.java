package io.backtest.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.ScoringClient;
import io.backtest.gateway.client.StrategyClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The cycle as a caller wants to see it: strategy-service's cycle (status, counts, summary) with
 * scoring-service's progress added as {@code counts.scored}. Both are asked at once; the cycle
 * itself is required, the scoring progress is not (a missing one becomes a warning).
 */
@ApplicationScoped
public class CycleViewService {
  /** The warning a view carries when scoring-service gave no answer. */
  public static final String SCORING_UNAVAILABLE = "scoring-service unavailable";

  private final Forwarder forwarder;
  private final StrategyClient strategy;
  private final ScoringClient scoring;
  private final ObjectMapper json;

  public CycleViewService(
      Forwarder forwarder,
      @RestClient StrategyClient strategy,
      @RestClient ScoringClient scoring,
      ObjectMapper json) {
    this.forwarder = forwarder;
    this.strategy = strategy;
    this.scoring = scoring;
    this.json = json;
  }

  public Uni<ObjectNode> findCycle(UUID id) {
    Uni<DownstreamReply> cycle =
        forwarder.exchange(Downstream.STRATEGY, () -> strategy.getCycle(id));
    Uni<ScoredCount> scored =
        forwarder
            .exchange(Downstream.SCORING, () -> scoring.getScoring(id))
            .map(reply -> scoredCount(id, reply))
            .onFailure(DownstreamUnavailableException.class)
            .recoverWithItem(ScoredCount.UNKNOWN);
    return Uni.combine()
        .all()
        .unis(cycle, scored)
        .with((reply, count) -> merge(reply.orThrow(), count));
  }

  /** A cycle's progress now: its status and counts as {@link #findCycle} shows them. */
  public Uni<CycleProgress> progress(UUID id) {
    return findCycle(id).map(view -> CycleProgress.of(id, view));
  }

  /**
   * A cycle's progress as a stream: {@code first} (read by {@link #progress}), then each change,
   * read {@code every} after the previous read, until the cycle has ended (that event included).
   */
  public Multi<CycleProgress> follow(CycleProgress first, Duration every) {
    if (first.ended()) {
      return Multi.createFrom().item(first);
    }
    Multi<CycleProgress> next =
        Multi.createBy()
            .repeating()
            .uni(
                () ->
                    Uni.createFrom()
                        .voidItem()
                        .onItem()
                        .delayIt()
                        .by(every)
                        .chain(() -> progress(first.cycleId())))
            // the event that shows the end is emitted, then the stream completes
            .whilst(progress -> !progress.ended());
    return Multi.createBy()
        .concatenating()
        .streams(Multi.createFrom().item(first), next)
        .skip()
        .repetitions();
  }

  private ScoredCount scoredCount(UUID id, DownstreamReply reply) {
    if (reply.status() == 404) {
      // scoring learns of a cycle from cycle.started, a moment after strategy-service stored it
      return new ScoredCount(0);
    }
    if (reply.status() == 200) {
      JsonNode scored = read(reply).path("scored");
      if (scored.canConvertToInt()) {
        return new ScoredCount(scored.intValue());
      }
    }
    Log.warnf("scoring-service gave no scoring progress for cycle %s: %s", id, reply);
    return ScoredCount.UNKNOWN;
  }

  ObjectNode merge(DownstreamReply cycle, ScoredCount scored) {
    if (!(read(cycle) instanceof ObjectNode view)) {
      throw new IllegalStateException(
          "strategy-service answered a cycle that is not a JSON object: " + cycle);
    }
    ObjectNode counts =
        view.get("counts") instanceof ObjectNode existing ? existing : view.putObject("counts");
    ArrayNode warnings = view.putArray("warnings");
    if (scored.known()) {
      counts.put("scored", scored.value());
    } else {
      counts.putNull("scored");
      warnings.add(SCORING_UNAVAILABLE);
    }
    return view;
  }

  private JsonNode read(DownstreamReply reply) {
    try {
      return json.readTree(reply.body());
    } catch (IOException e) {
      throw new IllegalStateException(reply + " is not JSON", e);
    }
  }

  /** How many of a cycle's results scoring-service has scored; unknown when it did not say. */
  record ScoredCount(Integer count) {
    static final ScoredCount UNKNOWN = new ScoredCount(null);

    boolean known() {
      return count != null;
    }

    int value() {
      return count;
    }
  }
}
