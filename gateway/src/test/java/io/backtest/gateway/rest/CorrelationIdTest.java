package io.backtest.gateway.rest;

import static io.backtest.gateway.GatewayRequests.asViewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.backtest.gateway.stub.StubService.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One correlation id per request: the caller's when acceptable, returned and sent downstream. */
@QuarkusTest
class CorrelationIdTest {
  @InjectStubs DownstreamStubs stubs;

  @BeforeEach
  void datasetsAnswer() {
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/datasets",
            Answer.json(200, Canned.json("strategy/datasets-page.json")));
  }

  @Test
  void callersIdComesBackAndReachesTheService() {
    String id = "caller:" + UUID.randomUUID().toString().substring(0, 8) + "_run-1.a";

    String returned =
        asViewer(id)
            .get("/api/v1/datasets")
            .then()
            .statusCode(200)
            .extract()
            .header("X-Correlation-Id");

    assertThat(returned).isEqualTo(id);
    assertThat(stubs.strategy().requestsWithCorrelationId(id))
        .singleElement()
        .extracting(RecordedRequest::path)
        .isEqualTo("/api/v1/datasets");
  }

  @Test
  void missingIdIsGeneratedAndSentDownstream() {
    int before = stubs.strategy().requests("GET", "/api/v1/datasets").size();

    String generated =
        given()
            .auth()
            .oauth2(Tokens.viewer())
            .get("/api/v1/datasets")
            .then()
            .statusCode(200)
            .extract()
            .header("X-Correlation-Id");

    assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);
    List<RecordedRequest> received = stubs.strategy().requests("GET", "/api/v1/datasets");
    assertThat(received).hasSize(before + 1);
    assertThat(received.getLast().header("X-Correlation-Id")).isEqualTo(generated);
  }

  @Test
  void unacceptableIdIsReplaced() {
    for (String bad : List.of("has spaces in it", "x".repeat(65), "semi;colon")) {
      String returned =
          asViewer(bad)
              .get("/api/v1/datasets")
              .then()
              .statusCode(200)
              .extract()
              .header("X-Correlation-Id");
      assertThat(returned).isNotEqualTo(bad);
      assertThat(UUID.fromString(returned)).isNotNull();
      assertThat(stubs.strategy().requestsWithCorrelationId(returned)).hasSize(1);
      assertThat(stubs.strategy().requestsWithCorrelationId(bad)).isEmpty();
    }
  }

  @Test
  void mergedViewSendsTheSameIdToBothServices() {
    UUID cycleId = UUID.randomUUID();
    String id = "merge-" + cycleId;
    stubs
        .strategy()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId,
            Answer.json(
                200,
                Canned.json("strategy/cycle.json", Map.of("id", cycleId, "correlationId", id))));
    stubs
        .scoring()
        .answer(
            "GET",
            "/api/v1/cycles/" + cycleId + "/scoring",
            Answer.json(
                200, Canned.json("scoring/scoring.json", Map.of("id", cycleId, "scored", 3))));

    asViewer(id)
        .get("/api/v1/cycles/" + cycleId)
        .then()
        .statusCode(200)
        .header("X-Correlation-Id", id);

    assertThat(stubs.strategy().requestsWithCorrelationId(id)).hasSize(1);
    assertThat(stubs.scoring().requestsWithCorrelationId(id))
        .singleElement()
        .extracting(RecordedRequest::path)
        .isEqualTo("/api/v1/cycles/" + cycleId + "/scoring");
  }
}
