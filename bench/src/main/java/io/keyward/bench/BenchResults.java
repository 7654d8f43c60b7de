package io.keyward.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run measured: latency series, throughputs and the figures compared with their floors.
 * Printed as a table and written to the output folder as {@code results.json} (everything, raw
 * durations included), {@code latencies.csv} (one duration a row), {@code summary.csv} and SVG
 * charts.
 */
final class BenchResults {
  private final Map<String, Latencies> series = new LinkedHashMap<>();
  private final Map<String, Double> throughput = new LinkedHashMap<>();
  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, Object> run = new LinkedHashMap<>();

  BenchResults(BenchOptions options) {
    run.put("startedAt", Instant.now().toString());
    run.put("cores", Runtime.getRuntime().availableProcessors());
    run.put("java", Runtime.version().toString());
    run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    run.put("options", options.toString());
  }

  /** The series of this name, made on first use. */
  synchronized Latencies series(String name) {
    return series.computeIfAbsent(name, n -> new Latencies());
  }

  synchronized void throughput(String name, double perSecond) {
    throughput.put(name, perSecond);
  }

  synchronized void note(String name, Object value) {
    run.put(name, value);
  }

  /** Compares the p95 of {@code measured} with {@code floor}'s; met when under {@code limitMs}. */
  synchronized void figure(String name, String measured, String floor, double limitMs) {
    Latencies m = series(measured);
    figures.add(
        new Figure(
            name,
            m,
            floor,
            series(floor),
            Double.isNaN(limitMs) ? "" : String.format(Locale.ROOT, "p95 < %.0f ms", limitMs),
            Double.isNaN(limitMs) || m.percentileMillis(95) < limitMs));
  }

  synchronized void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%nKeyward benchmark: %s cores, Java %s, %s%n%n",
        run.get("cores"),
        run.get("java"),
        run.get("os"));
    out.printf(
        Locale.ROOT,
        "%-44s %5s %8s %8s %8s | %-36s %8s | %6s | %s%n",
        "figure",
        "n",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "floor",
        "p95 ms",
        "ratio",
        "target");
    for (Figure f : figures) {
      out.printf(
          Locale.ROOT,
          "%-44s %5d %8.1f %8.1f %8.1f | %-36s %8.1f | x%5.2f | %s%n",
          f.name(),
          f.measured().count(),
          f.measured().percentileMillis(50),
          f.measured().percentileMillis(95),
          f.measured().percentileMillis(99),
          f.floorName(),
          f.floor().percentileMillis(95),
          f.ratioP95(),
          f.target().isEmpty() ? "" : f.target() + (f.met() ? " met" : " NOT met"));
    }
    if (run.containsKey("historyKeyward")) {
      out.printf(
          Locale.ROOT,
          "%none ceremony's history: Keyward %s; baseline %s; baseline publishing %s%n",
          run.get("historyKeyward"),
          run.get("historyBaseline"),
          run.get("historyBaselinePublished"));
    }
    Double keyward = throughput.get("keyward");
    for (String floor : List.of("baseline", "baselinePublished")) {
      Double baseline = throughput.get(floor);
      if (baseline != null && keyward != null) {
        out.printf(
            Locale.ROOT,
            "%nthroughput: Keyward %.2f ceremonies/s, %s (floor) %.2f: x%.2f (target >= 0.80:"
                + " %s)%n",
            keyward,
            floor,
            baseline,
            keyward / baseline,
            keyward / baseline >= 0.8 ? "met" : "NOT met");
      }
    }
    for (String kind : throughput.keySet()) {
      out.printf(
          Locale.ROOT,
          "per ceremony of %s (CPU ms, looks for the next step): %s%n",
          kind,
          run.get("perCeremony/" + kind));
    }
  }

  synchronized void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run", run);
    json.put("throughputPerSecond", throughput);
    List<Map<String, Object>> summary = new ArrayList<>();
    for (Figure f : figures) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("figure", f.name());
      row.put("n", f.measured().count());
      row.put("p50", f.measured().percentileMillis(50));
      row.put("p95", f.measured().percentileMillis(95));
      row.put("p99", f.measured().percentileMillis(99));
      row.put("floor", f.floorName());
      row.put("floorP95", f.floor().percentileMillis(95));
      row.put("ratioP95", f.ratioP95());
      row.put("target", f.target());
      row.put("met", f.met());
      summary.add(row);
    }
    json.put("figures", summary);
    Map<String, Object> raw = new LinkedHashMap<>();
    series.forEach((name, l) -> raw.put(name, l.micros()));
    json.put("latenciesMicros", raw);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("results.json").toFile(), json);

    StringBuilder csv = new StringBuilder("series,index,micros\n");
    series.forEach(
        (name, l) -> {
          List<Long> micros = l.micros();
          for (int i = 0; i < micros.size(); i++) {
            csv.append(name).append(',').append(i).append(',').append(micros.get(i)).append('\n');
          }
        });
    Files.writeString(dir.resolve("latencies.csv"), csv);

    StringBuilder sum = new StringBuilder("series,n,p50_ms,p95_ms,p99_ms\n");
    series.forEach(
        (name, l) ->
            sum.append(
                String.format(
                    Locale.ROOT,
                    "%s,%d,%.2f,%.2f,%.2f%n",
                    name,
                    l.count(),
                    l.percentileMillis(50),
                    l.percentileMillis(95),
                    l.percentileMillis(99))));
    throughput.forEach(
        (name, v) -> sum.append(String.format(Locale.ROOT, "throughput/%s,,%.3f,,%n", name, v)));
    Files.writeString(dir.resolve("summary.csv"), sum);
    writeCharts(dir);
  }

  private void writeCharts(Path dir) throws IOException {
    List<String> decisionSeries =
        List.of(
            BenchMain.BASELINE_UPDATE,
            BenchMain.KEYWARD_UPDATE,
            BenchMain.KEYWARD_API,
            BenchMain.BASELINE_VISIBLE,
            BenchMain.KEYWARD_VISIBLE);
    writeLatencyChart(
        dir.resolve("decision-latency.svg"),
        "Decision round trip per path",
        decisionSeries,
        25,
        "API target p95 25 ms");
    List<String> disable = series.keySet().stream().filter(n -> n.startsWith("disable/")).toList();
    if (!disable.isEmpty()) {
      writeLatencyChart(
          dir.resolve("time-to-disable.svg"),
          "Time to disable a reported key",
          disable,
          250,
          "target p95 250 ms");
    }
    if (series.containsKey("inbox/page")) {
      writeLatencyChart(
          dir.resolve("inbox.svg"),
          "Approver's inbox page",
          List.of("inbox/page", "inbox/list query"),
          200,
          "target p95 200 ms");
    }
    if (!throughput.isEmpty()) {
      List<String> names = List.copyOf(throughput.keySet());
      double[][] values = new double[names.size()][1];
      for (int i = 0; i < names.size(); i++) {
        values[i][0] = throughput.get(names.get(i));
      }
      Files.writeString(
          dir.resolve("throughput.svg"),
          SvgBars.chart(
              "Whole ceremonies per second",
              "ceremonies/s",
              names,
              List.of("ceremonies/s"),
              values,
              Double.NaN,
              ""));
    }
  }

  private void writeLatencyChart(
      Path file, String title, List<String> names, double limit, String limitLabel)
      throws IOException {
    List<String> present = names.stream().filter(series::containsKey).toList();
    double[][] values = new double[present.size()][3];
    for (int i = 0; i < present.size(); i++) {
      Latencies l = series.get(present.get(i));
      values[i] =
          new double[] {l.percentileMillis(50), l.percentileMillis(95), l.percentileMillis(99)};
    }
    Files.writeString(
        file,
        SvgBars.chart(
            title, "ms", present, List.of("p50", "p95", "p99"), values, limit, limitLabel));
  }
}
