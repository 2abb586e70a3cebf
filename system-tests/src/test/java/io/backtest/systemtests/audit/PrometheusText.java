package io.backtest.systemtests.audit;

import java.util.OptionalDouble;

/**
 * Reads one metric out of the Prometheus text exposition format (what {@code /q/metrics} answers):
 * {@code name{labels} value [timestamp]} or {@code name value}, {@code #} lines being comments.
 */
final class PrometheusText {
  private PrometheusText() {}

  /** The sum of the metric's samples over its label sets; empty when it has none. */
  static OptionalDouble sum(String exposition, String name) {
    double sum = 0;
    boolean found = false;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name) || line.length() == name.length()) {
        continue;
      }
      char next = line.charAt(name.length());
      if (next != '{' && next != ' ') {
        continue; // another metric whose name starts with this one
      }
      int valueStart = next == '{' ? line.indexOf('}', name.length()) + 1 : name.length();
      String[] rest = line.substring(valueStart).trim().split("\\s+");
      if (rest.length == 0 || rest[0].isEmpty()) {
        continue;
      }
      sum += value(rest[0]);
      found = true;
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  /** A sample value: a Go-style float, or {@code +Inf}, {@code -Inf}, {@code NaN}. */
  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
