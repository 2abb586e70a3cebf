package io.backtest.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationCredentialsTest {
  @Test
  void theOwnersPasswordIsPassedOnWhenItHasOne() {
    MigrationCredentials source =
        new MigrationCredentials(Map.of("PG_USER", "backtest", "PG_PASSWORD", "s3cret"));

    assertThat(source.getValue(MigrationCredentials.USERNAME)).isEqualTo("backtest");
    assertThat(source.getValue(MigrationCredentials.PASSWORD)).isEqualTo("s3cret");
  }

  @Test
  void anEmptyPasswordStillGivesFlywayItsOwnCredentials() {
    MigrationCredentials source =
        new MigrationCredentials(Map.of("PG_USER", "postgres", "PG_PASSWORD", ""));

    assertThat(source.getValue(MigrationCredentials.USERNAME)).isEqualTo("postgres");
    assertThat(source.getValue(MigrationCredentials.PASSWORD))
        .isEqualTo(MigrationCredentials.NO_PASSWORD);
  }

  @Test
  void withoutAnOwnerNothingIsSet() {
    MigrationCredentials source = new MigrationCredentials(Map.of("PG_PASSWORD", "x"));

    assertThat(source.getPropertyNames()).isEmpty();
  }
}
