package io.backtest.systemtests.deploy;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as Kubernetes and the JVM write them, in bytes. */
public final class Quantities {
  private static final Pattern KUBERNETES = Pattern.compile("^([0-9.]+)(Ki|Mi|Gi|Ti|k|M|G|T)?$");
  private static final Pattern XMX = Pattern.compile("(?:^|\\s)-Xmx([0-9]+)([kKmMgG]?)(?=\\s|$)");

  private Quantities() {}

  /**
   * A Kubernetes memory quantity ({@code 512Mi}, {@code 1Gi}, {@code 500M}, {@code 1024}); the
   * suffixes as in the Kubernetes API's resource.Quantity (binary Ki/Mi/Gi/Ti, decimal k/M/G/T).
   */
  public static long kubernetesBytes(String quantity) {
    Matcher m = KUBERNETES.matcher(quantity.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a memory quantity: " + quantity);
    }
    long unit =
        switch (m.group(2) == null ? "" : m.group(2)) {
          case "" -> 1L;
          case "k" -> 1_000L;
          case "M" -> 1_000_000L;
          case "G" -> 1_000_000_000L;
          case "T" -> 1_000_000_000_000L;
          case "Ki" -> 1L << 10;
          case "Mi" -> 1L << 20;
          case "Gi" -> 1L << 30;
          case "Ti" -> 1L << 40;
          default -> throw new IllegalStateException(m.group(2));
        };
    return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValueExact();
  }

  /** The maximum heap an {@code -Xmx} option in JVM options sets (k/m/g are powers of 1024). */
  public static Optional<Long> maxHeapBytes(String javaOptions) {
    Matcher m = XMX.matcher(javaOptions == null ? "" : javaOptions);
    Long found = null;
    while (m.find()) { // the JVM takes the last -Xmx
      long unit =
          switch (m.group(2).toLowerCase()) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
          };
      found = Long.parseLong(m.group(1)) * unit;
    }
    return Optional.ofNullable(found);
  }
}
