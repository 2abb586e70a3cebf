package db.migration;

import io.backtest.strategy.config.ParametersConfig;
import io.backtest.strategy.service.ParameterCipher;
import io.backtest.strategy.service.ParameterCipher.Sealed;
import io.quarkus.logging.Log;
import io.smallrye.config.SmallRyeConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 7.1 (version and description from the name, as Flyway's Java migrations go; in {@code
 * db/migration} beside the SQL ones, where Quarkus looks for it), between 7 (columns for the
 * encrypted values) and 7.2 (plaintext dropped): encrypts every strategy's parameters, with their
 * fingerprints, and every walk-forward summary stored in plaintext, with the current key of {@code
 * strategy.parameters} (SQL never sees the keys, hence Java). In Flyway's transaction: when it
 * fails (no keys configured), nothing is changed and the next start tries again. A database without
 * such rows (a new one) needs no key here; the service's start-up still checks them.
 */
public class V7_1__Parameters_encrypted extends BaseJavaMigration {
  private static final int BATCH = 1000;

  private final Supplier<ParameterCipher> cipher;

  /** Flyway's: the keys from the application's configuration. */
  public V7_1__Parameters_encrypted() {
    this(
        () ->
            new ParameterCipher(
                ConfigProvider.getConfig()
                    .unwrap(SmallRyeConfig.class)
                    .getConfigMapping(ParametersConfig.class)));
  }

  /** With the cipher {@code cipher} gives (asked only when there is something to encrypt). */
  public V7_1__Parameters_encrypted(Supplier<ParameterCipher> cipher) {
    this.cipher = cipher;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection db = context.getConnection();
    ParameterCipher c = null;
    int strategies = 0;
    try (PreparedStatement select =
            db.prepareStatement(
                "select id, parameters from strategy where parameters_enc is null");
        PreparedStatement update =
            db.prepareStatement(
                "update strategy set parameters_enc = ?, parameters_key_id = ?,"
                    + " parameters_fingerprint = ? where id = ?")) {
      select.setFetchSize(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          c = c != null ? c : cipher.get();
          UUID id = rows.getObject(1, UUID.class);
          String parameters = rows.getString(2);
          Sealed encrypted = c.encrypt(ParameterCipher.STRATEGY_PARAMETERS, id, parameters);
          update.setBytes(1, encrypted.value());
          update.setString(2, encrypted.keyId());
          update.setString(3, c.fingerprint(parameters));
          update.setObject(4, id);
          update.addBatch();
          if (++strategies % BATCH == 0) {
            update.executeBatch();
          }
        }
      }
      update.executeBatch();
    }
    int runs = 0;
    try (PreparedStatement select =
            db.prepareStatement(
                "select id, walk_forward from backtest_run"
                    + " where walk_forward is not null and walk_forward_enc is null");
        PreparedStatement update =
            db.prepareStatement(
                "update backtest_run set walk_forward_enc = ?, walk_forward_key_id = ?"
                    + " where id = ?")) {
      select.setFetchSize(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          c = c != null ? c : cipher.get();
          UUID id = rows.getObject(1, UUID.class);
          Sealed encrypted = c.encrypt(ParameterCipher.RUN_WALK_FORWARD, id, rows.getString(2));
          update.setBytes(1, encrypted.value());
          update.setString(2, encrypted.keyId());
          update.setObject(3, id);
          update.addBatch();
          if (++runs % BATCH == 0) {
            update.executeBatch();
          }
        }
      }
      update.executeBatch();
    }
    if (c != null) {
      Log.infof(
          "strategy parameters: encrypted the stored parameters of %d strategies and %d"
              + " walk-forward summaries with key %s",
          strategies, runs, c.currentKeyId());
    }
  }
}
