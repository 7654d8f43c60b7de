package io.keyward.api.auth;

import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.basic.BasicCredentials;
import io.keyward.workflows.directory.Directory;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks HTTP Basic credentials against the {@link Directory}. An unknown user and a wrong password
 * both come back empty, so the API answers 401 without telling which one was wrong.
 */
public final class DirectoryAuthenticator
    implements Authenticator<BasicCredentials, KeywardPrincipal> {
  private final Directory directory;

  public DirectoryAuthenticator(Directory directory) {
    this.directory = directory;
  }

  @Override
  public Optional<KeywardPrincipal> authenticate(BasicCredentials credentials) {
    char[] password = credentials.getPassword().toCharArray();
    try {
      return directory.authenticate(credentials.getUsername(), password).map(KeywardPrincipal::new);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
