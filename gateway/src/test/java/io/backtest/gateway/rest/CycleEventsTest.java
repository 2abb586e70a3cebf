package io.backtest.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.gateway.Tokens;
import io.backtest.gateway.stub.Canned;
import io.backtest.gateway.stub.DownstreamStubs;
import io.backtest.gateway.stub.InjectStubs;
import io.backtest.gateway.stub.StubService.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A cycle's progress as Server-Sent Events, from its first state to its end. */
@QuarkusTest
class CycleEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @InjectStubs DownstreamStubs stubs;

  /** strategy-service's cycle with the given status and counts. */
  private static String cycle(UUID id, String status, int backtested, int promoted)
      throws Exception {
    ObjectNode cycle =
        (ObjectNode)
            JSON.readTree(
                Canned.json("strategy/cycle.json", Map.of("id", id, "correlationId", "sse-1")));
    cycle.put("status", status);
    ObjectNode counts = (ObjectNode) cycle.get("counts");
    counts.put("backtested", backtested);
    counts.put("promoted", promoted);
    if (!"RUNNING".equals(status)) {
      cycle.put("summary", "promoted " + promoted + " of 60 candidates; live 1 of 35");
    }
    return JSON.writeValueAsString(cycle);
  }

  private void strategyAnswers(UUID id, String body) {
    stubs.strategy().answer("GET", "/api/v1/cycles/" + id, Answer.json(200, body));
  }

  /** The JSON data of each event of a stream's body. */
  private static List<JsonNode> events(String body) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data:")) {
        events.add(JSON.readTree(line.substring("data:".length())));
      }
    }
    return events;
  }

  @Test
  void progressIsStreamedOnEachChangeUntilTheCycleEnds() throws Exception {
    UUID id = UUID.randomUUID();
    strategyAnswers(id, cycle(id, "RUNNING", 31, 0));
    // the cycle moves on while the client follows it
    CompletableFuture<Void> moves =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(700);
                strategyAnswers(id, cycle(id, "RUNNING", 58, 0));
                Thread.sleep(700);
                strategyAnswers(id, cycle(id, "COMPLETED", 58, 1));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    Response stream =
        given()
            .auth()
            .oauth2(Tokens.viewer())
            .accept("text/event-stream")
            .get("/api/v1/cycles/" + id + "/events");
    moves.get(10, TimeUnit.SECONDS);

    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.contentType()).startsWith("text/event-stream");
    List<JsonNode> events = events(stream.asString());
    // one event per state, unchanged reads in between sent nothing, the end closes the stream
    assertThat(events)
        .extracting(e -> e.path("status").asText() + " " + e.path("backtested").asInt())
        .containsExactly("RUNNING 31", "RUNNING 58", "COMPLETED 58");
    JsonNode last = events.getLast();
    assertThat(last.path("cycleId").asText()).isEqualTo(id.toString());
    assertThat(last.path("promoted").asInt()).isEqualTo(1);
    assertThat(last.path("candidates").asInt()).isEqualTo(60);
    assertThat(last.path("summary").asText()).startsWith("promoted 1 of 60");
  }

  @Test
  void anUnknownCycleIsNotFoundBeforeAnyEvent() {
    UUID id = UUID.randomUUID();
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .accept("text/event-stream")
        .get("/api/v1/cycles/" + id + "/events")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404));
  }

  @Test
  void aBadIdIsABadRequestNamingIt() {
    given()
        .auth()
        .oauth2(Tokens.viewer())
        .accept("text/event-stream")
        .get("/api/v1/cycles/not-a-uuid/events")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("id"));
  }
}
