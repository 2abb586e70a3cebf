package io.backtest.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.gateway.client.Downstream;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DownstreamReplyTest {

  private static DownstreamReply reply(int status) {
    return new DownstreamReply(
        Downstream.STRATEGY,
        status,
        "application/json",
        null,
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void serviceLocationBecomesGatewayRelative() {
    assertThat(
            DownstreamReply.gatewayLocation(
                "http://10.0.0.7:8081/api/v1/cycles/3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70"))
        .isEqualTo("/api/v1/cycles/3f1c2a9e-5b7d-4e8f-9a10-2b3c4d5e6f70");
    assertThat(DownstreamReply.gatewayLocation("http://strategy:8081/api/v1/x?page=1&size=2"))
        .isEqualTo("/api/v1/x?page=1&size=2");
    assertThat(DownstreamReply.gatewayLocation("/api/v1/cycles/1")).isEqualTo("/api/v1/cycles/1");
    assertThat(DownstreamReply.gatewayLocation("not a uri")).isEqualTo("not a uri");
  }

  @Test
  void onlyBadGatewayUnavailableAndTimeoutMeanUnavailable() {
    assertThat(reply(502).unavailable()).isTrue();
    assertThat(reply(503).unavailable()).isTrue();
    assertThat(reply(504).unavailable()).isTrue();
    assertThat(reply(500).unavailable()).isFalse();
    assertThat(reply(404).unavailable()).isFalse();
    assertThat(reply(200).unavailable()).isFalse();
  }

  @Test
  void errorsBecomeProblemsAndSuccessesPassThrough() {
    DownstreamReply ok = reply(200);
    assertThat(ok.orThrow()).isSameAs(ok);
    assertThat(reply(202).orThrow().status()).isEqualTo(202);
    for (int status : new int[] {400, 404, 409, 422, 500}) {
      DownstreamReply refused = reply(status);
      assertThatThrownBy(refused::orThrow)
          .isInstanceOf(DownstreamProblemException.class)
          .satisfies(e -> assertThat(((DownstreamProblemException) e).reply()).isSameAs(refused))
          .hasMessage("strategy-service answered " + status);
    }
  }

  @Test
  void responseKeepsStatusBodyAndMediaType() {
    DownstreamReply accepted =
        new DownstreamReply(
            Downstream.STRATEGY,
            202,
            "application/json",
            "http://127.0.0.1:8081/api/v1/cycles/42",
            "{\"cycleId\":\"42\"}".getBytes(StandardCharsets.UTF_8));

    Response response = accepted.toResponse();

    assertThat(response.getStatus()).isEqualTo(202);
    assertThat(response.getMediaType().toString()).isEqualTo("application/json");
    assertThat(new String((byte[]) response.getEntity(), StandardCharsets.UTF_8))
        .isEqualTo("{\"cycleId\":\"42\"}");
    assertThat(response.getHeaderString("Location")).isEqualTo("/api/v1/cycles/42");
  }

  @Test
  void noBodyMeansNoEntity() {
    Response response = new DownstreamReply(Downstream.AUDIT, 204, null, null, null).toResponse();
    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(response.hasEntity()).isFalse();
  }
}
