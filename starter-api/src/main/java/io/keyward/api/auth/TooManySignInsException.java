package io.keyward.api.auth;

import io.keyward.api.errors.ApiException;
import java.time.Duration;

/** 429: sign-in as this name failed too often lately; the password was not checked. */
public final class TooManySignInsException extends ApiException {
  TooManySignInsException(String name, Duration retryAfter) {
    super(
        429,
        "too many failed sign-ins as "
            + name
            + "; sign-in as "
            + name
            + " is refused for another "
            + Math.max(1, retryAfter.toSeconds())
            + " seconds");
  }
}
