package io.keyward.api.auth;

import io.keyward.api.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The most sensitive decisions (an ULTRA step, a level 2 or 3 break-glass authorisation) need a
 * person who proved who they are within {@code window}: a password sent with the request, a web
 * session signed in that recently, or a token whose {@code auth_time} is that recent. Anyone else
 * is asked to sign in again.
 */
public final class StepUp {
  private final Duration window;
  private final Clock clock;

  public StepUp(Duration window, Clock clock) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a step-up window must be positive");
    }
    this.window = window;
    this.clock = clock;
  }

  public Duration window() {
    return window;
  }

  /** Whether an authentication at {@code authenticatedAt} (null: unknown) is recent enough. */
  public boolean isRecent(Instant authenticatedAt) {
    return authenticatedAt != null && !clock.instant().isAfter(authenticatedAt.plus(window));
  }

  /** The refusal of {@code decision} for a person last authenticated at {@code authenticatedAt}. */
  public SignInAgainException refusal(String decision, Instant authenticatedAt) {
    String when =
        authenticatedAt == null
            ? "when you last signed in is not known"
            : "you last signed in "
                + Math.max(1, Duration.between(authenticatedAt, clock.instant()).toMinutes())
                + " minutes ago";
    return new SignInAgainException(
        decision
            + " needs a sign-in within the last "
            + minutes(window)
            + "; "
            + when
            + ": sign in again, then decide");
  }

  private static String minutes(Duration window) {
    return window.toSeconds() % 60 == 0 && window.toMinutes() > 0
        ? window.toMinutes() + " minutes"
        : window.toSeconds() + " seconds";
  }

  /** 401: the decision needs a more recent sign-in; nothing was sent to the ceremony. */
  public static final class SignInAgainException extends ApiException {
    SignInAgainException(String message) {
      super(401, message);
    }
  }
}
