package io.backtest.gateway.rest;

import static io.backtest.gateway.GatewayRequests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService;
import io.backtest.gateway.stub.StubService.Answer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every sortable list passes sort to its service as the caller wrote it (the services hold the
 * fields each list sorts by), and a service's refusal comes back as it answered it.
 */
@QuarkusTest
class SortForwardingTest {
  private static final String EMPTY_PAGE = "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}";

  @InjectStubs DownstreamStubs stubs;

  /** A list of the API, the service behind it and its path there, and what it requires. */
  private record SortableList(
      String path, Function<DownstreamStubs, StubService> service, Map<String, String> required) {}

  private static final List<SortableList> LISTS =
      List.of(
          new SortableList("/api/v1/strategies", DownstreamStubs::strategy, Map.of()),
          new SortableList("/api/v1/cycles", DownstreamStubs::strategy, Map.of()),
          new SortableList("/api/v1/datasets", DownstreamStubs::strategy, Map.of()),
          new SortableList("/api/v1/deployments/history", DownstreamStubs::strategy, Map.of()),
          new SortableList("/api/v1/market/replay", DownstreamStubs::strategy, Map.of()),
          new SortableList("/api/v1/market/windows", DownstreamStubs::regime, Map.of()),
          new SortableList(
              "/api/v1/regimes/history", DownstreamStubs::regime, Map.of("symbol", "AAPL")),
          new SortableList("/api/v1/monitoring/strategies", DownstreamStubs::monitoring, Map.of()),
          new SortableList("/api/v1/monitoring/alerts", DownstreamStubs::monitoring, Map.of()),
          new SortableList("/api/v1/audit/entries", DownstreamStubs::audit, Map.of()));

  @Test
  void everySortableListForwardsSortAsWritten() {
    for (SortableList list : LISTS) {
      StubService service = list.service().apply(stubs);
      service.answer("GET", list.path(), Answer.json(200, EMPTY_PAGE));
      String correlationId = "sort" + list.path().replace('/', '-');

      as(Tokens.viewer(), correlationId)
          .queryParams(list.required())
          .queryParam("sort", "-createdAt,score")
          .get(list.path())
          .then()
          .statusCode(200);
      as(Tokens.viewer(), correlationId + "-blank")
          .queryParams(list.required())
          .queryParam("sort", " ")
          .get(list.path())
          .then()
          .statusCode(200);

      assertThat(service.onlyRequestWithCorrelationId(correlationId).queryParameters())
          .as(list.path())
          .containsEntry("sort", "-createdAt,score");
      // a blank sort is no sort: the list's default order
      assertThat(service.onlyRequestWithCorrelationId(correlationId + "-blank").queryParameters())
          .as(list.path())
          .doesNotContainKey("sort");
    }
  }

  @Test
  void aServicesRefusalOfTheSortPassesThroughAsProblemJson() {
    String reason =
        "must be one of startedAt, finishedAt, status (a leading - sorts descending; several"
            + " comma-separated) but was 'name'";
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/market/replay",
            new Answer(
                400,
                "application/problem+json",
                """
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"sort: %s",\
                "errors":[{"field":"sort","reason":"%s"}]}"""
                    .formatted(reason, reason),
                Map.of(),
                Duration.ZERO,
                false));

    as(Tokens.viewer(), "sort-refused")
        .queryParam("sort", "name")
        .get("/api/v1/market/replay")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("errors.field", contains("sort"))
        .body("errors.reason", contains(reason))
        .body("instance", equalTo("/api/v1/market/replay"))
        .body("correlationId", equalTo("sort-refused"));
    assertThat(stubs.strategy().onlyRequestWithCorrelationId("sort-refused").queryParameters())
        .containsEntry("sort", "name");
    // the list answers again once its test is done with the refusal
    stubs.strategy().answer("GET", "/api/v1/market/replay", Answer.json(200, EMPTY_PAGE));
  }
}
