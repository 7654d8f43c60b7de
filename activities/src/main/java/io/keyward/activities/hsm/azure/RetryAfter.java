package io.keyward.activities.hsm.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long the service asks a client to wait: {@code retry-after-ms} or {@code x-ms-retry-after-ms}
 * in milliseconds, else {@code Retry-After} in seconds or as an HTTP date.
 */
final class RetryAfter {
  private RetryAfter() {}

  static Optional<Duration> from(HttpHeaders headers, Instant now) {
    if (headers == null) {
      return Optional.empty();
    }
    for (HttpHeaderName name :
        new HttpHeaderName[] {HttpHeaderName.RETRY_AFTER_MS, HttpHeaderName.X_MS_RETRY_AFTER_MS}) {
      Optional<Duration> millis = number(headers.getValue(name)).map(Duration::ofMillis);
      if (millis.isPresent()) {
        return millis;
      }
    }
    String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Optional<Duration> seconds = number(value).map(Duration::ofSeconds);
    if (seconds.isPresent()) {
      return seconds;
    }
    try {
      Instant at =
          ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> number(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long parsed = Long.parseLong(value.strip());
      return parsed < 0 ? Optional.empty() : Optional.of(parsed);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
