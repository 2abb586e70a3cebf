package io.backtest.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this engine build. */
public final class Engine {

  /**
   * The engine module's Maven version (e.g. {@code 0.1.0-SNAPSHOT}), read from the resource {@code
   * io/backtest/engine/engine.properties} that the build filters. Recorded with every result, so a
   * number can be traced to the code that computed it.
   */
  public static final String VERSION = readVersion();

  private Engine() {}

  private static String readVersion() {
    try (InputStream in = Engine.class.getResourceAsStream("engine.properties")) {
      if (in == null) {
        throw new IllegalStateException("engine.properties is missing from the engine jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      if (version == null || version.isBlank() || version.contains("${")) {
        throw new IllegalStateException(
            "engine.properties has no filtered version: '" + version + "'");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("reading engine.properties failed", e);
    }
  }
}
