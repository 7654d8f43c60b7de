package io.keyward.api.auth;

import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.basic.BasicCredentials;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks HTTP Basic credentials through the {@link SignInGuard}. An unknown user and a wrong
 * password both come back empty, so the API answers 401 without telling which one was wrong; a name
 * locked after too many failures answers 429.
 */
public final class DirectoryAuthenticator
    implements Authenticator<BasicCredentials, KeywardPrincipal> {
  private final SignInGuard signIns;

  public DirectoryAuthenticator(SignInGuard signIns) {
    this.signIns = signIns;
  }

  @Override
  public Optional<KeywardPrincipal> authenticate(BasicCredentials credentials) {
    char[] password = credentials.getPassword().toCharArray();
    try {
      return signIns
          .authenticate(credentials.getUsername(), password, "api")
          .map(KeywardPrincipal::new);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
