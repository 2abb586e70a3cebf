package io.backtest.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.backtest.contracts.CloudEventAttributes;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The audit API and database as the tests reach them. */
public final class AuditApi {
  public static final Duration WAIT = Duration.ofSeconds(60);

  private AuditApi() {}

  /** {@code GET /api/v1/audit/entries} with the given query parameters, answered 200. */
  public static JsonPath entries(Map<String, ?> query) {
    return given()
        .queryParams(query)
        .get("/api/v1/audit/entries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Waits until {@code count} entries carry {@code correlationId}, and returns them. */
  public static List<Map<String, Object>> awaitCorrelated(String correlationId, int count) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                entries(Map.of("correlationId", correlationId, "size", 100)).getLong("total")
                    >= count);
    return entries(Map.of("correlationId", correlationId, "size", 100)).getList("items");
  }

  /** Waits until {@code count} entries are about {@code subject}, and returns them. */
  public static List<Map<String, Object>> awaitSubject(String subject, int count) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> entries(Map.of("subject", subject)).getLong("total") >= count);
    return entries(Map.of("subject", subject, "size", 100)).getList("items");
  }

  /** {@code GET /api/v1/audit/verify}. */
  public static JsonPath verify() {
    return given().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
  }

  /** CloudEvents binary-mode headers of a hand-made event. */
  public static Map<String, String> cloudEvent(
      String type, String subject, String correlationId, String time) {
    Map<String, String> headers = new HashMap<>();
    headers.put(CloudEventAttributes.HEADER_SPEC_VERSION, "1.0");
    headers.put(CloudEventAttributes.HEADER_ID, UUID.randomUUID().toString());
    headers.put(CloudEventAttributes.HEADER_SOURCE, "/test-lab");
    headers.put(CloudEventAttributes.HEADER_TYPE, type);
    headers.put(CloudEventAttributes.HEADER_SUBJECT, subject);
    headers.put(CloudEventAttributes.HEADER_TIME, time);
    headers.put(CloudEventAttributes.HEADER_CORRELATION_ID, correlationId);
    headers.put(CloudEventAttributes.HEADER_CONTENT_TYPE, CloudEventAttributes.CONTENT_TYPE);
    return headers;
  }

  /** Runs one SQL statement on the test run's database. */
  public static void sql(String statement) throws SQLException {
    try (Connection c = database();
        java.sql.Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /**
   * A JDBC connection to the test run's database as the owner of its tables (the user Flyway
   * migrates as; a superuser locally).
   */
  public static Connection database() throws SQLException {
    Config config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config
            .getOptionalValue("quarkus.flyway.username", String.class)
            .orElseGet(() -> config.getValue("quarkus.datasource.username", String.class)),
        config
            .getOptionalValue("quarkus.flyway.password", String.class)
            .or(() -> config.getOptionalValue("quarkus.datasource.password", String.class))
            .orElse(""));
  }

  /** A JDBC connection to the test run's database as the service's own, restricted role. */
  public static Connection databaseAsService() throws SQLException {
    Config config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
  }
}
