package io.backtest.bench.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The read-heavy mix of a dashboard's users: mostly what every screen polls (the live set, a
 * completed cycle's leaderboard, a market's current regimes: the reads the gateway caches), the
 * rest the pages a user opens (strategy lists and details, scorecards, cycles, monitoring, the
 * audit log, regime history, templates), read from the services each time. Only reads: the platform
 * has no write that is both cheap and free of effects on the research it records.
 */
final class LoadMix {

  /**
   * One kind of request.
   *
   * @param name the endpoint as reported, e.g. {@code GET /api/v1/cycles/{id}/leaderboard}
   * @param weight its share of the mix, in percent
   * @param path the path and query of one request, drawn from the data
   */
  record Operation(String name, int weight, BiFunction<LoadData, SplittableRandom, String> path) {}

  static final List<Operation> OPERATIONS =
      List.of(
          new Operation("GET /api/v1/deployments", 20, (d, r) -> "/api/v1/deployments"),
          new Operation(
              "GET /api/v1/cycles/{id}/leaderboard",
              20,
              (d, r) -> "/api/v1/cycles/" + pick(d.completedCycles(), r) + "/leaderboard?size=20"),
          new Operation(
              "GET /api/v1/regimes/current",
              15,
              (d, r) -> "/api/v1/regimes/current?symbol=" + encode(pick(d.symbols(), r))),
          new Operation(
              "GET /api/v1/strategies",
              8,
              (d, r) -> "/api/v1/strategies?size=20&page=" + r.nextInt(d.strategyPages())),
          new Operation(
              "GET /api/v1/strategies/{id}",
              8,
              (d, r) -> "/api/v1/strategies/" + pick(d.strategies(), r)),
          new Operation(
              "GET /api/v1/strategies/{id}/scorecard",
              6,
              (d, r) -> "/api/v1/strategies/" + pick(d.strategies(), r) + "/scorecard"),
          new Operation(
              "GET /api/v1/cycles/{id}",
              5,
              (d, r) -> "/api/v1/cycles/" + pick(d.completedCycles(), r)),
          new Operation("GET /api/v1/cycles", 4, (d, r) -> "/api/v1/cycles?size=20"),
          new Operation(
              "GET /api/v1/monitoring/strategies",
              4,
              (d, r) -> "/api/v1/monitoring/strategies?size=20"),
          new Operation(
              "GET /api/v1/audit/entries",
              3,
              (d, r) -> "/api/v1/audit/entries?size=20&page=" + r.nextInt(5)),
          new Operation(
              "GET /api/v1/regimes/history",
              3,
              (d, r) -> "/api/v1/regimes/history?size=20&symbol=" + encode(pick(d.symbols(), r))),
          new Operation("GET /api/v1/templates", 4, (d, r) -> "/api/v1/templates"));

  private static final int TOTAL_WEIGHT = OPERATIONS.stream().mapToInt(Operation::weight).sum();

  private LoadMix() {}

  /** An operation drawn by weight. */
  static Operation next(SplittableRandom random) {
    int ticket = random.nextInt(TOTAL_WEIGHT);
    for (Operation operation : OPERATIONS) {
      ticket -= operation.weight();
      if (ticket < 0) {
        return operation;
      }
    }
    throw new IllegalStateException("weights sum to " + TOTAL_WEIGHT);
  }

  private static String pick(List<String> values, SplittableRandom random) {
    return values.get(random.nextInt(values.size()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
