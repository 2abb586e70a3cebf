package io.backtest.strategy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import db.migration.V7_1__Parameters_encrypted;
import io.backtest.strategy.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migrations 7 to 7.2 on a database that holds parameters in plaintext: a schema of its own in this
 * run's database, migrated to version 6, filled as the service did before, then migrated with the
 * service's keys.
 */
@QuarkusTest
class ParametersEncryptionMigrationTest {
  private static final String LOCATIONS = "filesystem:src/main/resources/db/";

  @Test
  void plaintextParametersAndWalkForwardSummariesAreEncryptedAndThePlaintextDropped()
      throws Exception {
    String schema = "v7_" + HexFormat.of().toHexDigits(System.nanoTime()).substring(8);
    try {
      flyway(schema).target("6").load().migrate();
      UUID cycle = UUID.randomUUID();
      UUID live = UUID.randomUUID();
      UUID twin = UUID.randomUUID();
      UUID other = UUID.randomUUID();
      UUID run = UUID.randomUUID();
      Map<UUID, String> parameters = new LinkedHashMap<>();
      parameters.put(live, "{\"fast\":10,\"slow\":50}");
      parameters.put(twin, "{\"fast\":10,\"slow\":50}");
      parameters.put(other, "{\"fast\":12,\"slow\":60}");
      String walkForward =
          "{\"folds\":[{\"index\":0,\"parameters\":{\"fast\":10,\"slow\":50}}],\"trials\":4}";
      try (Connection db = connection(schema)) {
        execute(
            db,
            "insert into dataset (id, symbol, timeframe, bar_count, first_time, last_time,"
                + " bars_per_year, sha256, source) values ('d', 'AAPL', '1d', 2, now(), now(),"
                + " 252, repeat('0', 64), 'test')");
        execute(
            db,
            "insert into cycle (id, status, dataset_id, templates, seed, correlation_id,"
                + " candidates, fill, fee_bps, slippage_bps, position_fraction, created_at)"
                + " values (?, 'COMPLETED', 'd', '[\"sma-crossover\"]', 1, 'c', 3, 'next-open', 0,"
                + " 0, 1, now())",
            cycle);
        for (Map.Entry<UUID, String> e : parameters.entrySet()) {
          boolean isLive = e.getKey().equals(live);
          execute(
              db,
              "insert into strategy (id, cycle_id, template, parameters, dataset_id, status,"
                  + " score, created_at, promoted_at) values (?, ?, 'sma-crossover', ?, 'd', ?,"
                  + " 0.5, now(), "
                  + (isLive ? "now()" : "null")
                  + ")",
              e.getKey(),
              cycle,
              e.getValue(),
              isLive ? "LIVE" : "CANDIDATE");
        }
        execute(
            db,
            "insert into backtest_run (id, strategy_id, cycle_id, status, metrics, walk_forward,"
                + " requested_at, finished_at) values (?, ?, ?, 'COMPLETED', '{}', ?, now(),"
                + " now())",
            run,
            live,
            cycle,
            walkForward);
      }

      // as the service runs it: the keys from the application's configuration
      flyway(schema).javaMigrations(new V7_1__Parameters_encrypted()).load().migrate();
      ParameterCipher cipher = Fixtures.cipher();

      try (Connection db = connection(schema)) {
        assertThat(
                count(
                    db,
                    "select count(*) from information_schema.columns where table_schema = '"
                        + schema
                        + "' and (table_name, column_name) in (('strategy', 'parameters'),"
                        + " ('backtest_run', 'walk_forward'))"))
            .isZero();
        try (Statement s = db.createStatement();
            ResultSet rows = s.executeQuery("select s::text from strategy s")) {
          while (rows.next()) {
            assertThat(rows.getString(1)).doesNotContain("\"fast\"", "\"slow\"");
          }
        }
        for (Map.Entry<UUID, String> e : parameters.entrySet()) {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select parameters_enc, parameters_key_id, parameters_fingerprint"
                      + " from strategy where id = ?")) {
            s.setObject(1, e.getKey());
            try (ResultSet r = s.executeQuery()) {
              assertThat(r.next()).isTrue();
              assertThat(r.getString(2)).isEqualTo(cipher.currentKeyId());
              assertThat(
                      cipher.decrypt(
                          ParameterCipher.STRATEGY_PARAMETERS,
                          e.getKey(),
                          r.getString(2),
                          r.getBytes(1)))
                  .isEqualTo(e.getValue());
              assertThat(r.getString(3)).isEqualTo(cipher.fingerprint(e.getValue()));
            }
          }
        }
        try (PreparedStatement s =
            db.prepareStatement(
                "select walk_forward_enc, walk_forward_key_id from backtest_run where id = ?")) {
          s.setObject(1, run);
          try (ResultSet r = s.executeQuery()) {
            assertThat(r.next()).isTrue();
            assertThat(
                    cipher.decrypt(
                        ParameterCipher.RUN_WALK_FORWARD, run, r.getString(2), r.getBytes(1)))
                .isEqualTo(walkForward);
          }
        }
        // the duplicate rule now compares fingerprints: the twin cannot go live beside the original
        assertThatThrownBy(
                () ->
                    execute(
                        db,
                        "update strategy set status = 'LIVE', promoted_at = now() where id = ?",
                        twin))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("strategy_live_unique");
        execute(db, "update strategy set status = 'LIVE', promoted_at = now() where id = ?", other);
        assertThat(count(db, "select count(*) from strategy where status = 'LIVE'")).isEqualTo(2);
      }
    } finally {
      try (Connection db = Fixtures.database()) {
        execute(db, "drop schema if exists " + schema + " cascade");
      }
    }
  }

  @Test
  void theServiceRanTheJavaMigrationAtStartUp() {
    // Quarkus hands Flyway only the Java migrations found in its locations (db/migration)
    assertThat(
            Fixtures.queryLong(
                "select count(*) from flyway_schema_history where version = '7.1'"
                    + " and type = 'JDBC' and success"))
        .isEqualTo(1);
  }

  @Test
  void aNewDatabaseNeedsNoKeyToMigrate() throws Exception {
    String schema = "v7_" + HexFormat.of().toHexDigits(System.nanoTime()).substring(8);
    try {
      flyway(schema)
          .javaMigrations(
              new V7_1__Parameters_encrypted(
                  () -> {
                    throw new AssertionError("no row to encrypt, no cipher needed");
                  }))
          .load()
          .migrate();
      try (Connection db = connection(schema)) {
        assertThat(
                count(
                    db,
                    "select count(*) from pg_indexes where schemaname = '"
                        + schema
                        + "' and indexname = 'strategy_live_unique'"
                        + " and indexdef like '%parameters_fingerprint%'"))
            .isEqualTo(1);
      }
    } finally {
      try (Connection db = Fixtures.database()) {
        execute(db, "drop schema if exists " + schema + " cascade");
      }
    }
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String schema) {
    Config config = ConfigProvider.getConfig();
    return Flyway.configure()
        .dataSource(
            config.getValue("quarkus.datasource.jdbc.url", String.class),
            config.getValue("quarkus.datasource.username", String.class),
            config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))
        .schemas(schema)
        .createSchemas(true)
        .outOfOrder(true)
        // the platform's own migrations (outbox) come from a jar and touch no table of these
        .locations(LOCATIONS + "migration");
  }

  private static Connection connection(String schema) throws SQLException {
    Connection db = Fixtures.database();
    try (Statement s = db.createStatement()) {
      s.execute("set search_path to " + schema);
    }
    return db;
  }

  private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      s.executeUpdate();
    }
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
