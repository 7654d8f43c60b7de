package io.keyward.workflows.signin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A sign-in sent to the identity provider and not back yet, as {@link StartedSignIns} keeps it: the
 * values the provider's answer must match, where the browser goes afterwards and how recent the
 * person's authentication must be.
 *
 * @param state the OAuth state the answer must repeat
 * @param nonce the nonce the ID token must carry
 * @param codeVerifier the PKCE verifier that redeems the code; useless without the code, which only
 *     the browser receives
 * @param redirectUri where the provider sent the browser back
 * @param next where the browser goes after signing in
 * @param maxAge how long ago the person may have authenticated at most, or null for any time
 * @param startedAt when the sign-in started
 */
public record StartedSignIn(
    String state,
    String nonce,
    String codeVerifier,
    URI redirectUri,
    String next,
    Duration maxAge,
    Instant startedAt) {
  public StartedSignIn {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  @Override
  public String toString() {
    return "StartedSignIn[startedAt=" + startedAt + ", next=" + next + "]";
  }
}
