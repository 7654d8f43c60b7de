package io.keyward.ui.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the pages show them: UTC to the minute, and how far from now. */
public final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Times() {}

  /** e.g. {@code 2026-11-28 14:03 UTC}; empty for null. */
  public static String format(Instant at) {
    return at == null ? "" : FORMAT.format(at);
  }

  /** The day only, e.g. {@code 2026-11-28}; empty for null. */
  public static String day(Instant at) {
    return at == null ? "" : DAY.format(at);
  }

  /** e.g. {@code in 2 d 3 h}, {@code 5 min ago}, {@code now}; empty for null. */
  public static String relative(Instant at, Instant now) {
    if (at == null) {
      return "";
    }
    Duration distance = Duration.between(now, at);
    if (distance.abs().compareTo(Duration.ofMinutes(1)) < 0) {
      return "now";
    }
    String span = span(distance.abs());
    return distance.isNegative() ? span + " ago" : "in " + span;
  }

  /**
   * A measured duration, e.g. {@code 840 ms}, {@code 12.4 s}, {@code 3 min 5 s}; empty for null.
   */
  public static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return span(d) + (d.toSecondsPart() > 0 ? " " + d.toSecondsPart() + " s" : "");
  }

  /** A policy period, e.g. {@code 1 year}, {@code 13 months}, {@code 90 days}; empty for null. */
  public static String period(java.time.Period p) {
    if (p == null) {
      return "";
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (p.getYears() != 0) {
      parts.add(p.getYears() + (p.getYears() == 1 ? " year" : " years"));
    }
    if (p.getMonths() != 0) {
      parts.add(p.getMonths() + (p.getMonths() == 1 ? " month" : " months"));
    }
    if (p.getDays() != 0 || parts.isEmpty()) {
      parts.add(p.getDays() + (p.getDays() == 1 ? " day" : " days"));
    }
    return String.join(" ", parts);
  }

  private static String span(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    }
    if (hours > 0) {
      return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
    }
    return minutes + " min";
  }
}
