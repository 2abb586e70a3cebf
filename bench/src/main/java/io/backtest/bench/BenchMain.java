package io.backtest.bench;

import io.backtest.bench.load.LoadBench;
import io.backtest.engine.drift.DriftExperiment;
import io.backtest.engine.regime.RegimeExperiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one JMH run and reports the figures the engine is judged by, computed
 * from that same run: the engine's bar-steps per second as a share of the tight loop's (target: at
 * least 1/5) and the wall time of 200 candidates × 5-fold walk-forward × 50-point grid over 100,000
 * bars on all cores.
 *
 * <p>Usage: {@code java -jar bench/target/benchmarks.jar [--quick] [--out DIR] [--selection-only |
 * --live-only]}. {@code --quick} runs fewer and shorter iterations (a smoke run, not for the
 * record) and 5 seeds of the selection experiment instead of 20; {@code --live-only} prints the
 * regime and drift experiments instead (regime detection agreement, delay and changes; drift
 * detection delay and false alarms); {@code --selection-only} skips JMH and runs only the selection
 * experiment ({@link SelectionHonesty}), whose table is appended to the report. {@code --load
 * [OPTIONS]} runs the load bench of the running stack instead ({@link LoadBench}, which reads the
 * options after it).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws RunnerException {
    if (args.length > 0 && args[0].equals("--load")) {
      LoadBench.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    boolean quick = false;
    boolean selectionOnly = false;
    boolean liveOnly = false;
    Path out = Path.of("bench", "target");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--selection-only" -> selectionOnly = true;
        case "--live-only" -> liveOnly = true;
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (liveOnly) {
      // regime detection on 20 seeds of 100,000 one-minute bars, then drift detection and false
      // alarms over 200 and 100 seeds
      RegimeExperiment.main(new String[] {"100000", quick ? "5" : "20"});
      DriftExperiment.main(new String[0]);
      return;
    }
    String selection = SelectionHonesty.report(quick ? 5 : 20, 200);
    if (selectionOnly) {
      System.out.println(selection);
      write(out.resolve("bench-report.md"), selection);
      return;
    }
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(SmaCrossoverBenchmark.class.getName())
            .include(WalkForwardBenchmark.class.getName())
            .forks(1)
            .jvmArgsAppend("-Xmx4g")
            .resultFormat(ResultFormatType.JSON)
            .result(out.resolve("jmh-result.json").toString());
    if (quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(2)
          .measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    String report = report(results) + selection;
    System.out.println();
    System.out.println(report);
    write(out.resolve("bench-report.md"), report);
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The report as Markdown: throughput per benchmark, ratios, walk-forward wall time. */
  static String report(Collection<RunResult> results) {
    Map<String, Map<String, Double>> throughput = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    lines.add("| benchmark | bars | score | unit | bar-steps/s |");
    lines.add("|---|---:|---:|---|---:|");
    Double walkForwardSeconds = null;
    Double walkForwardUnsharedSeconds = null;
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String method = name.substring(name.lastIndexOf('.') + 1);
      String bars = r.getParams().getParam("bars");
      double score = r.getPrimaryResult().getScore();
      String unit = r.getPrimaryResult().getScoreUnit();
      String steps = "";
      if (bars != null && unit.startsWith("ops/s")) {
        double barSteps = score * Long.parseLong(bars);
        throughput.computeIfAbsent(bars, b -> new TreeMap<>()).put(method, barSteps);
        steps = String.format(Locale.ROOT, "%.3e", barSteps);
      }
      if (name.endsWith("WalkForwardBenchmark.cycleOf200")) {
        walkForwardSeconds = unit.startsWith("s/") ? score : score / 1000;
      }
      if (name.endsWith("WalkForwardBenchmark.cycleOf200WithoutSharing")) {
        walkForwardUnsharedSeconds = unit.startsWith("s/") ? score : score / 1000;
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.4g | %s | %s |",
              method,
              bars == null ? "" : bars,
              score,
              unit,
              steps));
    }
    StringBuilder sb = new StringBuilder(String.join("\n", lines)).append("\n\n");
    sb.append("| bars | engine / tight loop | engine (shared indicators) / tight loop |")
        .append(" ta4j BarSeriesManager / tight loop |\n|---:|---:|---:|---:|\n");
    throughput.forEach(
        (bars, byMethod) -> {
          double tight = byMethod.getOrDefault("tightLoop", Double.NaN);
          sb.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %s | %s |%n",
                  bars,
                  ratio(byMethod.get("engine"), tight),
                  ratio(byMethod.get("engineSharedIndicators"), tight),
                  ratio(byMethod.get("ta4jBarSeriesManager"), tight)));
        });
    if (walkForwardSeconds != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%n200 candidates × 5-fold walk-forward × 50-point grid over 100,000 bars, %d"
                  + " threads: %.2f s (in-sample windows shared between candidates)%n",
              Runtime.getRuntime().availableProcessors(),
              walkForwardSeconds));
    }
    if (walkForwardUnsharedSeconds != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "the same, every candidate's 250 in-sample backtests computed on their own: %.2f s%n",
              walkForwardUnsharedSeconds));
    }
    return sb.toString();
  }

  private static String ratio(Double value, double reference) {
    if (value == null || !(reference > 0)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.3f (1/%.1f)", value / reference, reference / value);
  }
}
