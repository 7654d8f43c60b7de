package io.keyward.api.rotation;

import io.keyward.workflows.rotation.ManualRotation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a rotation date T as people write it: an instant ({@code 2027-03-01T09:00:00Z}) or a day
 * ({@code 2027-03-01}, meaning 00:00 UTC), in the future and within the planning horizon.
 */
public final class RotationDates {
  private RotationDates() {}

  /** The date T in {@code text}, in the future and within the planning horizon. */
  static Instant parse(String field, String text, Clock clock) {
    return check(field, read(field, text), clock);
  }

  /** The date T in {@code text} as written, without looking at when it is. */
  public static Instant read(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          field + " is required: the rotation date T, e.g. 2027-03-01 or 2027-03-01T09:00:00Z");
    }
    try {
      return text.strip().length() == 10
          ? LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + shorten(text)
              + "' is not a date like 2027-03-01 or 2027-03-01T09:00:00Z");
    }
  }

  /** {@code t} when it is in the future and within the planning horizon; a 400 otherwise. */
  static Instant check(String field, Instant t, Clock clock) {
    if (t == null) {
      throw new IllegalArgumentException(
          field + " is required: the rotation date T, e.g. 2027-03-01 or 2027-03-01T09:00:00Z");
    }
    Instant now = clock.instant();
    if (!t.isAfter(now)) {
      throw new IllegalArgumentException(field + " " + t + " is not in the future");
    }
    if (t.isAfter(now.plus(ManualRotation.MAX_PLANNING_HORIZON))) {
      throw new IllegalArgumentException(
          field
              + " "
              + t
              + " is more than "
              + ManualRotation.MAX_PLANNING_HORIZON.toDays()
              + " days ahead");
    }
    return t;
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
