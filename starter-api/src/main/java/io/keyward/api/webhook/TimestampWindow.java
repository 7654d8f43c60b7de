package io.keyward.api.webhook;

import java.time.Clock;
import java.time.Duration;

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
    long now = clock.instant().getEpochSecond();
    long limit = window.toSeconds();
    // now ± limit cannot overflow; seconds - now can (any long is a well-formed header).
    if (seconds < now - limit || seconds > now + limit) {
      throw new WebhookRefusedException(
          "the "
              + header
              + " header is "
              + distance(seconds, now)
              + " from now, outside the window of "
              + describe(window)
              + "; a delivery is accepted only while it is fresh");
    }
  }

  private static String distance(long seconds, long now) {
    try {
      return Math.abs(Math.subtractExact(seconds, now)) + " seconds away";
    } catch (ArithmeticException beyondAnyDate) {
      return "more than " + Long.MAX_VALUE + " seconds away";
    }
  }

  private static String describe(Duration window) {
    return window.toSecondsPart() == 0 && window.toMinutes() > 0
        ? window.toMinutes() + " minutes"
        : window.toSeconds() + " seconds";
  }
}
