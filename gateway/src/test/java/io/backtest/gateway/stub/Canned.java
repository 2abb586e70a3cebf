package io.backtest.gateway.stub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' answers as recorded in {@code src/test/resources/stubs/<service>/<name>.json}, in
 * the shapes the services' APIs define, with {@code ${name}} placeholders filled per test.
 */
public final class Canned {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

  private Canned() {}

  public static String json(String resource, Map<String, ?> values) {
    String text;
    try (InputStream in = Canned.class.getResourceAsStream("/stubs/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no canned answer stubs/" + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (m.find()) {
      Object value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(resource + " needs a value for ${" + m.group(1) + "}");
      }
      m.appendReplacement(filled, Matcher.quoteReplacement(value.toString()));
    }
    m.appendTail(filled);
    return filled.toString();
  }

  public static String json(String resource) {
    return json(resource, Map.of());
  }
}
