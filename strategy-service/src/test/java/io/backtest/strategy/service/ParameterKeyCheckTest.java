package io.backtest.strategy.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.strategy.Fixtures;
import io.backtest.strategy.service.ParameterKeyCheck.Findings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * The check of the parameter keys, on the real database: a row under a key id the configuration
 * does not hold, or values under a configured id that its key does not decrypt, make the service
 * not ready and a start refuse, saying why; one changed value among readable ones does not.
 */
@QuarkusTest
class ParameterKeyCheckTest {
  @Inject @Readiness ParameterKeyCheck check;

  @Test
  void theServiceIsNotReadyWhileStoredParametersAreUnderAKeyItCannotUse() {
    UUID cycleId = Fixtures.startCycle(1, 20_260_103L, "corr-key-check");
    // a row of this test's own, which no worker touches
    UUID stray = UUID.randomUUID();
    Fixtures.insertStrategy(
        stray, cycleId, "{\"fast\":11,\"slow\":47}", "CANDIDATE", Timestamp.from(Instant.now()));
    try {
      Findings fine = check();
      assertThat(fine.problems()).isEmpty();
      assertThat(fine.rowsByKey().get("strategy")).containsKey("dev-1");
      assertThat(status(readiness())).isEqualTo("UP");

      // a key removed from the configuration while a row is still under it
      Fixtures.execute("update strategy set parameters_key_id = 'retired-1' where id = ?", stray);
      Findings removed = check();
      assertThat(removed.rowsByKey().get("strategy")).containsEntry("retired-1", 1L);
      assertThat(removed.problems())
          .singleElement()
          .asString()
          .contains("1 strategy rows", "key 'retired-1'", "does not hold", "dev-1", "dev-2");
      JsonPath down = readiness();
      assertThat(down.getString("status")).isEqualTo("DOWN");
      assertThat(status(down)).isEqualTo("DOWN");
      assertThat(data(down))
          .containsEntry("currentKey", "dev-1")
          .containsEntry("problem1", removed.problems().getFirst());
      // and an instance starting now would refuse to
      assertThatThrownBy(() -> check.onStart(null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the configured keys cannot read what is stored")
          .hasMessageContaining("key 'retired-1'");

      // another key under a configured id: the row was encrypted with dev-1, dev-2 holds no other
      assertThat(
              Fixtures.queryLong("select count(*) from strategy where parameters_key_id = 'dev-2'"))
          .isZero();
      Fixtures.execute("update strategy set parameters_key_id = 'dev-2' where id = ?", stray);
      Findings wrongKey = check();
      assertThat(wrongKey.problems())
          .singleElement()
          .asString()
          .contains("none of the first 1 strategy values under key 'dev-2' decrypts");
      assertThat(status(readiness())).isEqualTo("DOWN");

      // one changed value under the right key: the others decrypt, so the keys are right
      Fixtures.execute(
          "update strategy set parameters_key_id = 'dev-1',"
              + " parameters_enc = set_byte(parameters_enc, 20, get_byte(parameters_enc, 20) # 255)"
              + " where id = ?",
          stray);
      assertThat(check().problems()).isEmpty();
      assertThat(status(readiness())).isEqualTo("UP");
    } finally {
      Fixtures.execute("delete from strategy where id = ?", stray);
    }
    assertThat(check().problems()).isEmpty();
  }

  private Findings check() {
    try {
      // Hibernate Reactive needs a Vert.x context
      return VertxContextSupport.subscribeAndAwait(check::check);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonPath readiness() {
    return given().get("/q/health/ready").then().extract().jsonPath();
  }

  private static String status(JsonPath health) {
    return health.getString("checks.find { it.name == '" + ParameterKeyCheck.NAME + "' }.status");
  }

  private static Map<String, Object> data(JsonPath health) {
    return health.getMap("checks.find { it.name == '" + ParameterKeyCheck.NAME + "' }.data");
  }
}
