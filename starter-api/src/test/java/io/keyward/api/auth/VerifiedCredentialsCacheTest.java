package io.keyward.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.auth.Authenticator;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.DirectoryUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsCacheTest {
  private static final DirectoryUser TOM =
      new DirectoryUser("tom", "Tom CTO", "tom@example.com", Set.of(Role.CTO));

  /** The directory's checker: tom's one password; every attempt it is asked about is listed. */
  private final List<PasswordAttempt> checked = new ArrayList<>();

  private final Authenticator<PasswordAttempt, KeywardPrincipal> directory =
      attempt -> {
        checked.add(attempt);
        return attempt.username().equals("tom") && attempt.password().equals("right")
            ? Optional.of(new KeywardPrincipal(TOM, Instant.EPOCH))
            : Optional.empty();
      };

  private final AtomicLong nanos = new AtomicLong();
  private final VerifiedCredentialsCache cache =
      new VerifiedCredentialsCache(directory, Duration.ofMinutes(2), 100, nanos::get);

  @Test
  void verifiedCredentialsAreNotCheckedAgainWithinTheirTime() throws Exception {
    assertThat(cache.authenticate(attempt("tom", "right", "10.0.0.1"))).isPresent();
    assertThat(cache.authenticate(attempt("tom", "right", "10.0.0.1")))
        .get()
        .extracting(KeywardPrincipal::user)
        .isEqualTo(TOM);

    assertThat(checked).hasSize(1);
  }

  @Test
  void aWrongPasswordIsCheckedEveryTimeEvenAfterTheRightOne() throws Exception {
    cache.authenticate(attempt("tom", "right", "10.0.0.1"));

    assertThat(cache.authenticate(attempt("tom", "wrong", "10.0.0.1"))).isEmpty();
    assertThat(cache.authenticate(attempt("tom", "wrong", "10.0.0.1"))).isEmpty();

    assertThat(checked).hasSize(3);
  }

  @Test
  void theSamePasswordFromAnotherAddressOrAnotherNameIsChecked() throws Exception {
    cache.authenticate(attempt("tom", "right", "10.0.0.1"));

    cache.authenticate(attempt("tom", "right", "10.0.0.2"));
    // The parts are told apart: "to" + "mright" is not "tom" + "right".
    assertThat(cache.authenticate(attempt("to", "mright", "10.0.0.1"))).isEmpty();

    assertThat(checked).hasSize(3);
  }

  @Test
  void verifiedCredentialsAreCheckedAgainOnceTheirTimeIsOver() throws Exception {
    cache.authenticate(attempt("tom", "right", "10.0.0.1"));

    nanos.addAndGet(Duration.ofMinutes(2).plusSeconds(1).toNanos());
    cache.authenticate(attempt("tom", "right", "10.0.0.1"));

    assertThat(checked).hasSize(2);
  }

  private static PasswordAttempt attempt(String user, String password, String address) {
    return new PasswordAttempt(user, password, address);
  }
}
