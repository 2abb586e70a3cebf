package io.backtest.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backtest.gateway.cache.CachedRead;
import io.backtest.gateway.cache.ReadCache;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.ScoringClient;
import io.backtest.support.http.PageRequest;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A cycle's ranking from scoring-service, COMPLETED rankings cached (ReadCache's region of the
 * cycle, one entry per page and size). A COMPLETED ranking never changes: its scores and ranks are
 * final and its {@code promoted} flags record the cycle's promotion decision. Any other ranking
 * (SCORING, or SCORED and TIMED_OUT, whose flags are not final yet) is read from scoring-service
 * every time: it changes with every result, and its last change (COMPLETED) is scoring-service's
 * own reading of cycle.completed, which no event of its own announces.
 */
@ApplicationScoped
public class LeaderboardService {
  /** The status of a ranking whose every member is final. */
  private static final String COMPLETED = "COMPLETED";

  private final Forwarder forwarder;
  private final ScoringClient scoring;
  private final ReadCache cache;
  private final ObjectMapper json;

  public LeaderboardService(
      Forwarder forwarder, @RestClient ScoringClient scoring, ReadCache cache, ObjectMapper json) {
    this.forwarder = forwarder;
    this.scoring = scoring;
    this.cache = cache;
    this.json = json;
  }

  /** One page of a cycle's leaderboard, and whether it came from the cache. */
  public Uni<CachedRead> findLeaderboard(UUID cycleId, PageRequest page) {
    return cache.read(
        cache.leaderboard(cycleId),
        field(page),
        () ->
            forwarder.exchange(
                Downstream.SCORING,
                () -> scoring.getLeaderboard(cycleId, page.page(), page.size())),
        this::completed);
  }

  /** The entry of a page in its cycle's region: {@code <page>:<size>}. */
  public static String field(PageRequest page) {
    return page.page() + ":" + page.size();
  }

  private boolean completed(DownstreamReply reply) {
    try {
      return COMPLETED.equals(json.readTree(reply.body()).path("status").asText());
    } catch (IOException e) {
      Log.warnf("scoring-service answered a leaderboard that is not JSON: %s", reply);
      return false;
    }
  }
}
