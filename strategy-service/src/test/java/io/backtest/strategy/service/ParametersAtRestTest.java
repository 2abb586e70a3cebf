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
 * carry is the plaintext.
 */
@QuarkusTest
class ParametersAtRestTest {
  @Inject ParameterCipher cipher;

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
    assertThat(values).hasSizeGreaterThanOrEqualTo(n * 10);
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
}
