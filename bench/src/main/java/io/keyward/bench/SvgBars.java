package io.keyward.bench;

import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart as SVG, drawn from the run's numbers: one group per category, one bar per
 * series, each bar labelled with its value.
 */
final class SvgBars {
  private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759"};
  private static final int BAR = 22;
  private static final int GAP = 26;
  private static final int LEFT = 60;
  private static final int TOP = 40;
  private static final int HEIGHT = 220;

  private SvgBars() {}

  /**
   * @param values {@code values[category][series]}
   * @param limit a horizontal line (the target), or NaN for none
   */
  static String chart(
      String title,
      String unit,
      List<String> categories,
      List<String> series,
      double[][] values,
      double limit,
      String limitLabel) {
    double max = Double.isNaN(limit) ? 0 : limit;
    for (double[] group : values) {
      for (double v : group) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    max = max <= 0 ? 1 : max * 1.15;
    int groupWidth = series.size() * BAR + GAP;
    int width = LEFT + categories.size() * groupWidth + 20;
    int height = TOP + HEIGHT + 90;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n",
            width,
            height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(LEFT, 20, title + " (" + unit + ")", "start", 14));
    int base = TOP + HEIGHT;
    svg.append(line(LEFT, base, width - 10, base, "#333"));
    for (int c = 0; c < categories.size(); c++) {
      int x0 = LEFT + c * groupWidth + GAP / 2;
      for (int s = 0; s < series.size(); s++) {
        double v = values[c][s];
        if (Double.isNaN(v)) {
          continue;
        }
        int h = (int) Math.round(v / max * HEIGHT);
        int x = x0 + s * BAR;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                x,
                base - h,
                BAR - 2,
                h,
                COLOURS[s % COLOURS.length]));
        svg.append(text(x + BAR / 2, base - h - 3, format(v), "middle", 9));
      }
      svg.append(text(x0 + series.size() * BAR / 2, base + 14, categories.get(c), "middle", 10));
    }
    if (!Double.isNaN(limit)) {
      int y = base - (int) Math.round(limit / max * HEIGHT);
      svg.append(line(LEFT, y, width - 10, y, "#c00"));
      svg.append(text(LEFT + 2, y - 3, limitLabel, "start", 10));
    }
    for (int s = 0; s < series.size(); s++) {
      int x = LEFT + s * 110;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
              x,
              base + 30,
              COLOURS[s % COLOURS.length]));
      svg.append(text(x + 14, base + 39, series.get(s), "start", 10));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String format(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String line(int x1, int y1, int x2, int y2, String colour) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n",
        x1,
        y1,
        x2,
        y2,
        colour);
  }

  private static String text(int x, int y, String text, String anchor, int size) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
        x,
        y,
        anchor,
        size,
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
  }
}
