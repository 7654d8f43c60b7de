package io.keyward.api.refusal;

import io.keyward.api.errors.ApiException;
import java.time.Duration;

/** 429: the person was refused too often lately; the attempt reached no ceremony. */
public final class TooManyRefusalsException extends ApiException {
  TooManyRefusalsException(String actor, int limit, Duration window, Duration retryAfter) {
    super(
        429,
        actor
            + " was refused "
            + limit
            + " times within "
            + window.toSeconds()
            + " seconds; further attempts are not sent to any ceremony for another "
            + Math.max(1, retryAfter.toSeconds())
            + " seconds");
  }
}
