package io.keyward.ui.session;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.keyward.api.identity.PendingSignIn;
import io.keyward.workflows.signin.StartedSignIn;
import io.keyward.workflows.signin.StartedSignIns;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The sign-ins sent to the identity provider and not back yet, kept in the shared database ({@link
 * StartedSignIns}) so that the provider may send the browser back to any API replica, each under a
 * random token that only the browser that started it holds (in an HttpOnly cookie). Each is taken
 * once; it expires after {@code timeout}. At most {@code max} wait at once; beyond that the oldest
 * is dropped, so a flood of started sign-ins cannot fill the database.
 */
public final class PendingSignIns {
  private final StartedSignIns store;
  private final Duration timeout;
  private final int max;
  private final Clock clock;

  public PendingSignIns(StartedSignIns store, Duration timeout, int max, Clock clock) {
    this.store = store;
    this.timeout = timeout;
    this.max = max;
    this.clock = clock;
  }

  /** Keeps {@code signIn}; answers the token the browser must bring back. */
  public String keep(PendingSignIn signIn) {
    String token = SessionStore.randomToken();
    store.keep(
        token,
        new StartedSignIn(
            signIn.state().getValue(),
            signIn.nonce().getValue(),
            signIn.verifier().getValue(),
            signIn.redirectUri(),
            signIn.next(),
            signIn.maxAge(),
            signIn.startedAt()),
        signIn.startedAt().plus(timeout),
        max);
    return token;
  }

  /** The sign-in kept under {@code token}, removed; empty when unknown, taken or expired. */
  public Optional<PendingSignIn> take(String token) {
    return store
        .take(token, clock.instant())
        .map(
            kept ->
                new PendingSignIn(
                    new State(kept.state()),
                    new Nonce(kept.nonce()),
                    new CodeVerifier(kept.codeVerifier()),
                    kept.redirectUri(),
                    kept.next(),
                    kept.maxAge(),
                    kept.startedAt()));
  }
}
