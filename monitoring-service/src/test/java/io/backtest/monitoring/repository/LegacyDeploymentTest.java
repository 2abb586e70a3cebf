package io.backtest.monitoring.repository;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A deployment recorded before ExecutionSettings had direction and capital (and BacktestMetrics its
 * new metrics) is readable once migration V2 ran over it.
 */
@QuarkusTest
class LegacyDeploymentTest {
  private static final String V2 = "db/migration/V2__execution_direction_and_capital.sql";

  @Test
  void deploymentRecordedBeforeDirectionAndCapitalReadsAsLongOnlyWithTheDefaultCapital()
      throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection c = connect()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into deployment (strategy_id, status, template, parameters, execution,"
                  + " baseline, since, updated_at) values (?, 'WATCHING', 'sma-crossover',"
                  + " '{\"fast\": 10, \"slow\": 50}'::jsonb, ?::jsonb, ?::jsonb, ?, ?)")) {
        s.setObject(1, id);
        // the JSON as the previous contracts wrote it
        s.setString(
            2,
            "{\"fill\": \"next-open\", \"feeBps\": 10.0, \"slippageBps\": 5.0,"
                + " \"positionFraction\": 1.0}");
        s.setString(
            3,
            "{\"totalReturn\": 0.42, \"cagr\": 0.11, \"sharpe\": 1.3, \"sortino\": 1.9,"
                + " \"maxDrawdown\": 0.18, \"volatility\": 0.21, \"tradeCount\": 17,"
                + " \"winRate\": 0.59, \"profitFactor\": null, \"exposure\": 0.63,"
                + " \"barCount\": 2516}");
        Timestamp at = Timestamp.from(Instant.parse("2026-01-05T10:00:00Z"));
        s.setTimestamp(4, at);
        s.setTimestamp(5, at);
        s.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.execute(migration());
      }
    }

    given()
        .get("/api/v1/monitoring/strategies/{id}", id)
        .then()
        .statusCode(200)
        .body("execution.fill", equalTo("next-open"))
        .body("execution.direction", equalTo("long-only"))
        .body("execution.capital", equalTo(10000.0f))
        .body("baseline.sharpe", equalTo(1.3f))
        .body("baseline.maxDrawdownBars", equalTo(0))
        // 0.11 / 0.18
        .body("baseline.calmar", equalTo((float) (0.11 / 0.18)))
        .body("baseline.avgWin", nullValue())
        .body("baseline.kurtosis", nullValue());
  }

  private static String migration() throws IOException {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(V2)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Connection connect() throws SQLException {
    Config config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }
}
