package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.keyward.api.auth.SignInBackoff;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The {@code directory} section: the users file that says who may sign in with a password and which
 * roles they hold (runbook 4.2), and how password guessing is slowed down. A configuration names a
 * users file, or says {@code demoUsers: true} to take the demo users shipped with Keyward, whose
 * passwords are public (dev mode on a laptop does, nothing else should), or neither when people
 * sign in through {@code identity.oidc} alone. It never falls back to the demo users by itself.
 *
 * <p>Failed sign-ins are counted per name and per client address: after {@code signInLimit}
 * failures of a name ({@code signInAddressLimit} of an address) sign-in under it is refused for
 * {@code signInBackoff}, doubled with every further failure up to {@code signInMaxBackoff}; a count
 * is forgotten {@code signInWindow} after its last failure.
 */
public class DirectoryFactory {
  private Path usersFile;
  private boolean demoUsers;

  /** Failed sign-ins for one name within {@link #getSignInWindow() a window} before it locks. */
  @Min(1)
  private int signInLimit = 5;

  /** Failed sign-ins from one client address before its sign-ins are slowed down. */
  @Min(1)
  private int signInAddressLimit = 20;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration signInBackoff = Duration.seconds(30);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration signInMaxBackoff = Duration.minutes(15);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration signInWindow = Duration.hours(1);

  /** The backoff of one user name. */
  public SignInBackoff perName() {
    return backoff(signInLimit);
  }

  /** The backoff of one client address. */
  public SignInBackoff perAddress() {
    return backoff(signInAddressLimit);
  }

  private SignInBackoff backoff(int free) {
    return new SignInBackoff(
        free,
        signInBackoff.toJavaDuration(),
        signInMaxBackoff.toJavaDuration(),
        signInWindow.toJavaDuration());
  }

  /** Checked when the configuration is read: a count outlives the longest refusal. */
  @JsonIgnore
  @AssertTrue(
      message =
          "signInWindow must be longer than signInMaxBackoff, and signInBackoff no longer than"
              + " signInMaxBackoff")
  public boolean isBackoffConsistent() {
    return signInWindow.toJavaDuration().compareTo(signInMaxBackoff.toJavaDuration()) > 0
        && signInBackoff.toJavaDuration().compareTo(signInMaxBackoff.toJavaDuration()) <= 0;
  }

  @JsonProperty
  public int getSignInAddressLimit() {
    return signInAddressLimit;
  }

  @JsonProperty
  public void setSignInAddressLimit(int signInAddressLimit) {
    this.signInAddressLimit = signInAddressLimit;
  }

  @JsonProperty
  public Duration getSignInBackoff() {
    return signInBackoff;
  }

  @JsonProperty
  public void setSignInBackoff(Duration signInBackoff) {
    this.signInBackoff = signInBackoff;
  }

  @JsonProperty
  public Duration getSignInMaxBackoff() {
    return signInMaxBackoff;
  }

  @JsonProperty
  public void setSignInMaxBackoff(Duration signInMaxBackoff) {
    this.signInMaxBackoff = signInMaxBackoff;
  }

  @JsonProperty
  public int getSignInLimit() {
    return signInLimit;
  }

  @JsonProperty
  public void setSignInLimit(int signInLimit) {
    this.signInLimit = signInLimit;
  }

  @JsonProperty
  public Duration getSignInWindow() {
    return signInWindow;
  }

  @JsonProperty
  public void setSignInWindow(Duration signInWindow) {
    this.signInWindow = signInWindow;
  }

  @JsonProperty
  public Path getUsersFile() {
    return usersFile;
  }

  @JsonProperty
  public void setUsersFile(Path usersFile) {
    this.usersFile = usersFile;
  }

  @JsonProperty
  public boolean isDemoUsers() {
    return demoUsers;
  }

  @JsonProperty
  public void setDemoUsers(boolean demoUsers) {
    this.demoUsers = demoUsers;
  }

  /** Whether people may sign in with a password: a users file, or the demo users. */
  @JsonIgnore
  public boolean namesUsers() {
    return usersFile != null || demoUsers;
  }
}
