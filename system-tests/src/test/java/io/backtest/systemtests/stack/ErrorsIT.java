package io.backtest.systemtests.stack;

import static io.backtest.systemtests.stack.StackUnderTest.CORRELATION_HEADER;
import static io.backtest.systemtests.stack.StackUnderTest.as;
import static io.backtest.systemtests.stack.StackUnderTest.elements;
import static io.backtest.systemtests.stack.StackUnderTest.fields;
import static io.backtest.systemtests.stack.StackUnderTest.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input through the gateway gets an RFC 9457 problem naming the field and the reason, under the
 * caller's correlation id.
 */
class ErrorsIT {
  @BeforeAll
  static void stackIsUp() {
    StackUnderTest.requireRunningStack();
  }

  @Test
  void zeroCandidatesIsRejectedNamingTheField() {
    String correlationId = newCorrelationId();
    Response response =
        startCycle(Map.of("datasetId", "aapl-1d-2013", "candidates", 0, "seed", 42), correlationId);

    assertThat(response.statusCode()).as(response.asString()).isIn(400, 422);
    JsonNode problem = problem(response, response.statusCode());
    assertThat(fields(problem)).contains("candidates");
    assertReasons(problem);
    assertThat(problem.path("correlationId").asText()).isEqualTo(correlationId);
  }

  @Test
  void anUnknownDatasetIsUnprocessableNamingTheField() {
    String correlationId = newCorrelationId();
    Response response =
        startCycle(
            Map.of(
                "datasetId", "no-such-dataset-" + UUID.randomUUID(), "candidates", 10, "seed", 1),
            correlationId);

    JsonNode problem = problem(response, 422);
    assertThat(fields(problem)).contains("datasetId");
    assertReasons(problem);
    assertThat(problem.path("correlationId").asText()).isEqualTo(correlationId);
  }

  @Test
  void aMalformedCycleIdIsABadRequest() {
    String correlationId = newCorrelationId();
    Response response =
        as("viewer")
            .header(CORRELATION_HEADER, correlationId)
            .get("/api/v1/cycles/{id}", "not-a-uuid");

    JsonNode problem = problem(response, 400);
    assertThat(fields(problem)).as("the path parameter, by its name").containsExactly("id");
    assertReasons(problem);
    assertThat(problem.path("correlationId").asText()).isEqualTo(correlationId);
  }

  @Test
  void anUnknownCycleIsNotFound() {
    String correlationId = newCorrelationId();
    Response response =
        as("viewer")
            .header(CORRELATION_HEADER, correlationId)
            .get("/api/v1/cycles/{id}", UUID.randomUUID());

    JsonNode problem = problem(response, 404);
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(problem.path("correlationId").asText()).isEqualTo(correlationId);
  }

  private static Response startCycle(Map<String, Object> body, String correlationId) {
    return as("operator")
        .header(CORRELATION_HEADER, correlationId)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/cycles");
  }

  private static void assertReasons(JsonNode problem) {
    assertThat(elements(problem.path("errors")))
        .allSatisfy(e -> assertThat(e.path("reason").asText()).as("reason of %s", e).isNotBlank());
  }

  private static String newCorrelationId() {
    return "st-" + UUID.randomUUID();
  }
}
