package io.keyward.api.identity;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A sign-in sent to the identity provider and not back yet: the random state, nonce and PKCE
 * verifier that its answer must match, where the browser goes afterwards, and, for a step-up, how
 * recent the person's authentication must be. Kept on the server, never in the browser.
 *
 * @param maxAge how long ago the person may have authenticated at most, or null for any time
 */
public record PendingSignIn(
    State state,
    Nonce nonce,
    CodeVerifier verifier,
    URI redirectUri,
    String next,
    Duration maxAge,
    Instant startedAt) {

  /** A new sign-in with fresh random values. */
  public static PendingSignIn start(URI redirectUri, String next, Duration maxAge, Instant now) {
    return new PendingSignIn(
        new State(), new Nonce(), new CodeVerifier(), redirectUri, next, maxAge, now);
  }
}
