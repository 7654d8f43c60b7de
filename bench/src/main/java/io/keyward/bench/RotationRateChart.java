package io.keyward.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mass rotation's chart: new versions made in each 10 s after the first, across all vaults,
 * against what the vaults allow in 10 s (10 each), drawn with {@link SvgBars}.
 */
final class RotationRateChart {
  private RotationRateChart() {}

  static String draw(
      List<Instant> creations,
      Instant first,
      int vaults,
      int limit,
      Duration window,
      Map<String, Object> results) {
    long last =
        creations.stream().mapToLong(at -> Duration.between(first, at).toMillis()).max().orElse(0);
    int bins = (int) (last / window.toMillis()) + 1;
    double[][] values = new double[bins][1];
    for (Instant at : creations) {
      values[(int) (Duration.between(first, at).toMillis() / window.toMillis())][0]++;
    }
    List<String> categories =
        java.util.stream.IntStream.range(0, bins)
            .mapToObj(i -> (i * window.toSeconds()) + "s")
            .toList();
    return SvgBars.chart(
        String.format(
            Locale.ROOT,
            "Mass rotation: %s keys, %d vaults, %s workers; new versions per %d s",
            results.get("keys"),
            vaults,
            results.get("workers"),
            window.toSeconds()),
        "versions",
        categories,
        List.of("new versions made (all vaults)"),
        values,
        (double) vaults * limit,
        "limit: " + vaults + " vaults x " + limit + " per " + window.toSeconds() + " s");
  }
}
