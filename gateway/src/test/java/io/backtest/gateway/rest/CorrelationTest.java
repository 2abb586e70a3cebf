package io.backtest.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CorrelationTest {

  @Test
  void acceptsShortIdsOfSafeCharacters() {
    assertThat(Correlation.isValid("c0ffee-2024-01")).isTrue();
    assertThat(Correlation.isValid("run:42_a.b-c")).isTrue();
    assertThat(Correlation.isValid(UUID.randomUUID().toString())).isTrue();
    assertThat(Correlation.isValid("x".repeat(64))).isTrue();
  }

  @Test
  void refusesEmptyLongOrUnsafeIds() {
    assertThat(Correlation.isValid(null)).isFalse();
    assertThat(Correlation.isValid("")).isFalse();
    assertThat(Correlation.isValid("x".repeat(65))).isFalse();
    assertThat(Correlation.isValid("has space")).isFalse();
    assertThat(Correlation.isValid("line\nbreak")).isFalse();
    assertThat(Correlation.isValid("a/b")).isFalse();
    assertThat(Correlation.isValid("é")).isFalse();
  }

  @Test
  void newIdsAreUuids() {
    String id = Correlation.newId();
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(Correlation.isValid(id)).isTrue();
  }
}
