package io.backtest.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the load mix reads, found on the running stack before the run: completed cycles whose
 * leaderboard is final (so the gateway caches it), their scored strategies, the live set, and the
 * markets regime-service has windows and regimes of. A stack without them ({@link #missing()}) is
 * seeded by {@code ./stack bench --load}, which runs the demo first.
 */
record LoadData(
    List<String> completedCycles,
    List<String> strategies,
    int strategyPages,
    int liveCount,
    List<String> symbols) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Leaderboards, strategies and symbols read at most: the mix spreads its reads over them. */
  private static final int MAX_CYCLES = 10;

  private static final int MAX_SYMBOLS = 10;

  /** What is missing for a realistic mix, or an empty list. */
  List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (completedCycles.isEmpty()) {
      missing.add("a completed cycle with a final leaderboard");
    }
    if (liveCount == 0) {
      missing.add("live strategies");
    }
    if (symbols.isEmpty()) {
      missing.add("a market with regimes");
    }
    return missing;
  }

  /** Reads what there is, as {@code token}'s user (a viewer). */
  static LoadData discover(HttpClient http, String gateway, String token)
      throws IOException, InterruptedException {
    List<String> cycles = new ArrayList<>();
    List<String> strategies = new ArrayList<>();
    for (JsonNode cycle : get(http, gateway, token, "/api/v1/cycles?size=100").path("items")) {
      if (cycles.size() >= MAX_CYCLES || !"COMPLETED".equals(cycle.path("status").asText())) {
        continue;
      }
      String id = cycle.path("id").asText();
      JsonNode board = get(http, gateway, token, "/api/v1/cycles/" + id + "/leaderboard?size=20");
      if (!"COMPLETED".equals(board.path("status").asText())) {
        continue;
      }
      cycles.add(id);
      for (JsonNode item : board.path("items")) {
        strategies.add(item.path("strategyId").asText());
      }
    }
    int total = get(http, gateway, token, "/api/v1/strategies?size=1").path("total").asInt();
    int live = get(http, gateway, token, "/api/v1/deployments").path("liveCount").asInt();
    List<String> symbols = new ArrayList<>();
    for (JsonNode window :
        get(http, gateway, token, "/api/v1/market/windows?size=100").path("items")) {
      String symbol = window.path("symbol").asText();
      if (symbols.size() >= MAX_SYMBOLS || symbol.isEmpty() || symbols.contains(symbol)) {
        continue;
      }
      String query = "symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8);
      if (status(http, gateway, token, "/api/v1/regimes/current?" + query) == 200) {
        symbols.add(symbol);
      }
    }
    return new LoadData(
        List.copyOf(cycles),
        List.copyOf(strategies),
        Math.max(1, Math.min(10, (total + 19) / 20)),
        live,
        List.copyOf(symbols));
  }

  /**
   * Promotes up to {@code count} of the leaderboards' strategies by hand (an administrator's
   * promotion, recorded with its reason like any other); the number that went live.
   */
  static int promote(HttpClient http, String gateway, String adminToken, LoadData data, int count)
      throws IOException, InterruptedException {
    int promoted = 0;
    for (String strategy : data.strategies()) {
      if (promoted >= count) {
        break;
      }
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(gateway + "/api/v1/strategies/" + strategy + "/promote"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + adminToken)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"reason\": \"load bench: a live set for the dashboard's reads\"}"))
              .build();
      int status = http.send(request, bodyHandler()).statusCode();
      if (status == 200) {
        promoted++;
      } else if (status != 409) {
        throw new IllegalStateException("promoting " + strategy + " answered HTTP " + status);
      }
    }
    return promoted;
  }

  private static JsonNode get(HttpClient http, String gateway, String token, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(gateway, token, path), bodyHandler());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered HTTP " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  private static int status(HttpClient http, String gateway, String token, String path)
      throws IOException, InterruptedException {
    return http.send(request(gateway, token, path), bodyHandler()).statusCode();
  }

  private static HttpResponse.BodyHandler<String> bodyHandler() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static HttpRequest request(String gateway, String token, String path) {
    return HttpRequest.newBuilder(URI.create(gateway + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .GET()
        .build();
  }
}
