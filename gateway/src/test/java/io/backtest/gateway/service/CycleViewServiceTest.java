package io.backtest.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.service.CycleViewService.ScoredCount;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The merge of strategy-service's cycle and scoring-service's progress, without the services. */
class CycleViewServiceTest {
  private final ObjectMapper json = new ObjectMapper();
  // merge() uses neither the forwarder nor the clients
  private final CycleViewService views = new CycleViewService(null, null, null, json);

  private static DownstreamReply cycle(String body) {
    return new DownstreamReply(
        Downstream.STRATEGY, 200, "application/json", null, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void scoredCountJoinsTheOtherCountsAndEverythingElseIsKept() {
    ObjectNode view =
        views.merge(
            cycle(
                "{\"id\":\"c1\",\"status\":\"RUNNING\",\"futureField\":{\"x\":1},"
                    + "\"counts\":{\"candidates\":60,\"backtested\":31}}"),
            new ScoredCount(29));

    assertThat(view.toString())
        .isEqualTo(
            "{\"id\":\"c1\",\"status\":\"RUNNING\",\"futureField\":{\"x\":1},"
                + "\"counts\":{\"candidates\":60,\"backtested\":31,\"scored\":29},"
                + "\"warnings\":[]}");
  }

  @Test
  void unknownScoredCountIsNullWithAWarning() {
    ObjectNode view =
        views.merge(cycle("{\"id\":\"c1\",\"counts\":{\"candidates\":60}}"), ScoredCount.UNKNOWN);

    assertThat(view.path("counts").has("scored")).isTrue();
    assertThat(view.path("counts").get("scored").isNull()).isTrue();
    assertThat(view.path("warnings").toString()).isEqualTo("[\"scoring-service unavailable\"]");
  }

  @Test
  void missingCountsAreCreated() {
    ObjectNode view = views.merge(cycle("{\"id\":\"c1\"}"), new ScoredCount(0));

    assertThat(view.path("counts").toString()).isEqualTo("{\"scored\":0}");
  }

  @Test
  void cycleThatIsNotAnObjectIsAnError() {
    assertThatThrownBy(() -> views.merge(cycle("[1,2]"), new ScoredCount(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a JSON object");
  }
}
