package io.keyward.api.auth;

import io.dropwizard.auth.Authenticator;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks HTTP Basic credentials through the {@link SignInGuard}. An unknown user and a wrong
 * password both come back empty, so the API answers 401 without telling which one was wrong; a name
 * or an address throttled after too many failures answers 429. A password sent with the request is
 * an authentication at that moment.
 */
public final class DirectoryAuthenticator
    implements Authenticator<PasswordAttempt, KeywardPrincipal> {
  private final SignInGuard signIns;
  private final Clock clock;

  public DirectoryAuthenticator(SignInGuard signIns, Clock clock) {
    this.signIns = signIns;
    this.clock = clock;
  }

  @Override
  public Optional<KeywardPrincipal> authenticate(PasswordAttempt attempt) {
    char[] password = attempt.password().toCharArray();
    try {
      return signIns
          .authenticate(attempt.username(), password, "api", attempt.address())
          .map(user -> new KeywardPrincipal(user, clock.instant()));
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
