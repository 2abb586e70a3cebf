package io.backtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineTest {

  @Test
  void versionIsTheFilteredMavenVersion() {
    // The build replaces ${project.version}; an unfiltered resource would fail at class load.
    assertThat(Engine.VERSION).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
  }
}
