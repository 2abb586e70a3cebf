package io.backtest.strategy.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestCompleted;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.strategy.Fixtures;
import io.backtest.strategy.mapping.ParametersJson;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Strategy parameters at rest: what the table holds is ciphertext, what the API and the events
 * carry is the plaintext, and a key rotation rewrites every row without changing what it says.
 */
@QuarkusTest
class ParametersAtRestTest {
  @Inject ParameterCipher cipher;
  @Inject ParameterRotation rotation;

  @Test
  void theStrategyTableHoldsNoParameterInPlaintextWhileTheApiAndEventsCarryThem() throws Exception {
    int n = 5;
    UUID cycleId = Fixtures.startCycle(n, 20_260_101L, "corr-at-rest");
    Map<UUID, String> fromApi = parametersOfCycle(cycleId);
    assertThat(fromApi).hasSize(n);
    // the events carry the parameters the API shows
    for (EventEnvelope<BacktestCompleted> e : Fixtures.awaitBacktests(cycleId, n)) {
      BacktestCompleted c = e.data();
      assertThat(canonical(c.strategy().parameters())).isEqualTo(fromApi.get(c.strategyId()));
    }

    // every column of every row, as text (bytea as hex)
    List<String> values =
        columnsAsText(
            "select e.value from strategy s, jsonb_each_text(to_jsonb(s)) e"
                + " where e.value is not null");
    // at least the cycle's n candidates, each with id, cycle, template, dataset, status, creation
    // time, ciphertext, key id and fingerprint
    assertThat(values).hasSizeGreaterThanOrEqualTo(n * 9);
    for (String value : values) {
      assertThat(value).doesNotContain("\"fast\"", "\"slow\"");
      for (String parameters : fromApi.values()) {
        assertThat(value).doesNotContain(parameters);
      }
    }
    // the walk-forward summaries name parameter sets too
    for (String value :
        columnsAsText(
            "select e.value from backtest_run r, jsonb_each_text(to_jsonb(r)) e"
                + " where e.value is not null")) {
      assertThat(value).doesNotContain("\"parameters\"", "\"fast\"", "\"slow\"");
    }
    // and what is stored decrypts to what the API shows
    for (Map.Entry<UUID, String> e : fromApi.entrySet()) {
      assertThat(Fixtures.storedParameters(e.getKey())).isEqualTo(e.getValue());
      assertThat(
              Fixtures.queryLong(
                  "select count(*) from strategy where id = ? and parameters_key_id = ?"
                      + " and parameters_fingerprint = ?",
                  e.getKey(),
                  cipher.currentKeyId(),
                  cipher.fingerprint(e.getValue())))
          .isEqualTo(1);
    }
  }

  @Test
  void aRotationReencryptsEveryRowUnderTheNewKeyAndBack() {
    UUID cycleId = Fixtures.startCycle(3, 20_260_102L, "corr-rotation");
    Map<UUID, String> fromApi = parametersOfCycle(cycleId);
    Map<UUID, String> stored = storedParametersOfAll();
    Map<UUID, String> fingerprints = fingerprintsOfAll();
    assertThat(cipher.currentKeyId()).isEqualTo("dev-1");

    // key dev-2 becomes the current one (both are configured), as a restart with
    // strategy.parameters.current-key=dev-2 would make it
    ParameterRotation.Result rotated = reencrypt(cipher.withCurrentKey("dev-2"));

    assertThat(rotated.rowsByKey().get("strategy"))
        .doesNotContainKey("dev-1")
        .containsEntry("dev-2", (long) stored.size());
    assertThat(rotated.rowsByKey().get("backtest_run")).doesNotContainKey("dev-1");
    assertThat(rotated.reencrypted().get("strategy")).isEqualTo(stored.size());
    assertThat(rotated.unreadable())
        .containsOnly(Map.entry("strategy", 0), Map.entry("backtest_run", 0));
    assertThat(
            Fixtures.queryLong("select count(*) from strategy where parameters_key_id = 'dev-1'"))
        .isZero();
    assertThat(
            Fixtures.queryLong(
                "select count(*) from backtest_run where walk_forward_key_id = 'dev-1'"))
        .isZero();
    // the same parameters and fingerprints, read with the keys the service holds
    assertThat(storedParametersOfAll()).isEqualTo(stored);
    assertThat(fingerprintsOfAll()).isEqualTo(fingerprints);
    assertThat(parametersOfCycle(cycleId)).isEqualTo(fromApi);
    // operators see the counts per key
    assertThat(metrics())
        .contains(
            "strategy_parameters_encrypted_rows{key_id=\"dev-2\",table=\"strategy\"} "
                + (double) stored.size())
        .doesNotContain("key_id=\"dev-1\",table=\"strategy\"");

    // idempotent: nothing left to do under dev-2
    ParameterRotation.Result again = reencrypt(cipher.withCurrentKey("dev-2"));
    assertThat(again.reencrypted())
        .containsOnly(Map.entry("strategy", 0), Map.entry("backtest_run", 0));

    // and back to the service's own current key
    ParameterRotation.Result back = reencrypt(cipher);
    assertThat(back.rowsByKey().get("strategy")).doesNotContainKey("dev-2");
    assertThat(back.rowsByKey().get("backtest_run")).doesNotContainKey("dev-2");
    assertThat(storedParametersOfAll()).isEqualTo(stored);
    assertThat(parametersOfCycle(cycleId)).isEqualTo(fromApi);
  }

  private ParameterRotation.Result reencrypt(ParameterCipher with) {
    try {
      // Hibernate Reactive needs a Vert.x context
      return VertxContextSupport.subscribeAndAwait(() -> rotation.reencrypt(with));
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** The canonical JSON of each strategy's parameters of a cycle, as the API shows them. */
  private static Map<UUID, String> parametersOfCycle(UUID cycleId) {
    JsonPath page =
        given()
            .queryParam("cycleId", cycleId.toString())
            .get("/api/v1/strategies")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<UUID, String> parameters = new HashMap<>();
    List<Map<String, Object>> items = page.getList("items");
    for (Map<String, Object> item : items) {
      @SuppressWarnings("unchecked")
      Map<String, Number> values = (Map<String, Number>) item.get("parameters");
      parameters.put(UUID.fromString((String) item.get("id")), canonical(values));
    }
    return parameters;
  }

  /** Every stored strategy's parameters, decrypted. */
  private static Map<UUID, String> storedParametersOfAll() {
    Map<UUID, String> all = new HashMap<>();
    for (UUID id : Fixtures.queryUuids("select id from strategy")) {
      all.put(id, Fixtures.storedParameters(id));
    }
    return all;
  }

  private static Map<UUID, String> fingerprintsOfAll() {
    Map<UUID, String> all = new HashMap<>();
    try (Connection c = Fixtures.database();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select id, parameters_fingerprint from strategy")) {
      while (r.next()) {
        all.put(r.getObject(1, UUID.class), r.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return all;
  }

  private static List<String> columnsAsText(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = Fixtures.database();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }

  /** Canonical JSON of sma-crossover parameters, the cycles' default template. */
  private static String canonical(Map<String, ? extends Number> values) {
    StrategyTemplate sma = StrategyTemplates.builtIn().get("sma-crossover");
    return ParametersJson.write(sma, sma.space().typed(values));
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }
}
