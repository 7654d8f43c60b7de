package io.keyward.api.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Accepts a delivery's timestamp (Unix seconds) only within {@code window} of now, in either
 * direction, so a captured delivery cannot be replayed later. The timestamp is part of the signed
 * string, so it cannot be changed without breaking the signature.
 */
public final class TimestampWindow {
  private final Duration window;
  private final Clock clock;

  public TimestampWindow(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /**
   * @param header the name of the header, for the message
   * @throws WebhookRefusedException when the value is missing, not a number, or outside the window
   */
  public void check(String header, String value) {
    if (value == null || value.isBlank()) {
      throw new WebhookRefusedException("the " + header + " header is missing");
    }
    long seconds;
    try {
      seconds = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new WebhookRefusedException("the " + header + " header must be Unix time in seconds");
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    if (skew.compareTo(window) > 0) {
      throw new WebhookRefusedException(
          "the "
              + header
              + " header is "
              + skew.toSeconds()
              + " seconds away from now, outside the window of "
              + describe(window)
              + "; a delivery is accepted only while it is fresh");
    }
  }

  private static String describe(Duration window) {
    return window.toSecondsPart() == 0 && window.toMinutes() > 0
        ? window.toMinutes() + " minutes"
        : window.toSeconds() + " seconds";
  }
}
