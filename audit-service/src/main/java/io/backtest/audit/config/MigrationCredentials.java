package io.backtest.audit.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In production, Flyway migrates as the owner of the tables ({@code PG_USER}, {@code PG_PASSWORD})
 * while the service connects as its restricted role ({@code AUDIT_DB_USER}). Quarkus uses {@code
 * quarkus.flyway.username} only together with a {@code quarkus.flyway.password}, and a server that
 * trusts its clients (the local stack, docker-compose) is given an empty {@code PG_PASSWORD}, which
 * configuration treats as no value at all, even through an expression's default: Flyway would then
 * migrate as the restricted role and fail. This source gives the password as {@code PG_PASSWORD}
 * when it has a value, else a word that only a server which asks for no password will see.
 *
 * <p>Its ordinal (260) is above {@code application.properties} and below the environment and system
 * properties, so {@code QUARKUS_FLYWAY_PASSWORD} still overrides it, as do the tests' own settings.
 */
public class MigrationCredentials implements ConfigSource {
  static final String USERNAME = "%prod.quarkus.flyway.username";
  static final String PASSWORD = "%prod.quarkus.flyway.password";

  /** What a trusting server receives as the owner's password; it never checks it. */
  static final String NO_PASSWORD = "no-password-set";

  private final Map<String, String> properties;

  public MigrationCredentials() {
    this(System.getenv());
  }

  MigrationCredentials(Map<String, String> environment) {
    String user = environment.get("PG_USER");
    String password = environment.get("PG_PASSWORD");
    properties =
        user == null || user.isBlank()
            ? Map.of()
            : Map.of(
                USERNAME,
                user,
                PASSWORD,
                password == null || password.isEmpty() ? NO_PASSWORD : password);
  }

  @Override
  public Map<String, String> getProperties() {
    return properties;
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String getName() {
    return "audit-service migration credentials (PG_USER, PG_PASSWORD)";
  }

  @Override
  public int getOrdinal() {
    return 260;
  }
}
