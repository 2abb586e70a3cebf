package io.backtest.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The latencies (microseconds, HdrHistogram, 3 significant digits) and errors of a load run, per
 * endpoint and per class: an answer is cached when the gateway says {@code X-Cache: HIT}, else
 * uncached. Latencies are of the successful answers; an error (any status from 400, 429 included,
 * or no answer at all) is counted by its status instead.
 */
final class LoadStats {
  static final String CACHED = "cached (X-Cache: HIT)";
  static final String UNCACHED = "uncached";

  /** One series: an endpoint, a class, or everything. */
  static final class Series {
    final ConcurrentHistogram latency = new ConcurrentHistogram(3);
    final LongAdder hits = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    long errorCount() {
      return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    String errorSummary() {
      if (errors.isEmpty()) {
        return "0";
      }
      List<String> parts = new ArrayList<>();
      new TreeMap<>(errors).forEach((status, n) -> parts.add(status + " x" + n.sum()));
      return String.join(", ", parts);
    }
  }

  private final Map<String, Series> endpoints = new ConcurrentHashMap<>();
  private final Map<String, Series> classes = new ConcurrentHashMap<>();
  private final Series all = new Series();

  /** A successful answer. */
  void answered(String endpoint, boolean cached, long micros) {
    for (Series s : series(endpoint, cached)) {
      s.latency.recordValue(micros);
      if (cached) {
        s.hits.increment();
      }
    }
  }

  /** An error: the HTTP status, or what went wrong before an answer came. */
  void failed(String endpoint, boolean cached, String status) {
    for (Series s : series(endpoint, cached)) {
      s.errors.computeIfAbsent(status, k -> new LongAdder()).increment();
    }
  }

  private List<Series> series(String endpoint, boolean cached) {
    return List.of(
        endpoints.computeIfAbsent(endpoint, k -> new Series()),
        classes.computeIfAbsent(cached ? CACHED : UNCACHED, k -> new Series()),
        all);
  }

  long errors() {
    return all.errorCount();
  }

  /** The p95 of a class in milliseconds, NaN when it saw no successful answer. */
  double p95Millis(String className) {
    Series s = classes.get(className);
    return s == null || s.latency.getTotalCount() == 0
        ? Double.NaN
        : s.latency.getValueAtPercentile(95) / 1000.0;
  }

  long count(String className) {
    Series s = classes.get(className);
    return s == null ? 0 : s.latency.getTotalCount() + s.errorCount();
  }

  /** The table: per class, then everything, then per endpoint in the mix's order. */
  String table(double seconds, List<String> endpointOrder) {
    Map<String, Series> rows = new LinkedHashMap<>();
    rows.put(CACHED, classes.getOrDefault(CACHED, new Series()));
    rows.put(UNCACHED, classes.getOrDefault(UNCACHED, new Series()));
    rows.put("all", all);
    StringBuilder sb = new StringBuilder();
    String header =
        String.format(
            Locale.ROOT,
            "%-38s %9s %8s %8s %8s %8s %8s %6s  %s%n",
            "class / endpoint",
            "requests",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
            "HIT %",
            "errors");
    sb.append(header);
    rows.forEach((name, s) -> sb.append(row(name, s, seconds)));
    sb.append(String.format("%n"));
    for (String endpoint : endpointOrder) {
      Series s = endpoints.get(endpoint);
      if (s != null) {
        sb.append(row(endpoint, s, seconds));
      }
    }
    return sb.toString();
  }

  private static String row(String name, Series s, double seconds) {
    Histogram h = s.latency;
    long ok = h.getTotalCount();
    long requests = ok + s.errorCount();
    return String.format(
        Locale.ROOT,
        "%-38s %9d %8.1f %8s %8s %8s %8s %6s  %s%n",
        name,
        requests,
        requests / seconds,
        millis(h, ok, 50),
        millis(h, ok, 95),
        millis(h, ok, 99),
        ok == 0 ? "-" : String.format(Locale.ROOT, "%.1f", h.getMaxValue() / 1000.0),
        ok == 0 ? "-" : String.format(Locale.ROOT, "%.0f", 100.0 * s.hits.sum() / ok),
        s.errorSummary());
  }

  private static String millis(Histogram h, long count, double percentile) {
    return count == 0
        ? "-"
        : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
  }
}
