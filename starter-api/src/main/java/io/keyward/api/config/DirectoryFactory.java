package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The {@code directory} section: the users file that says who may log in and which roles they hold
 * (runbook 4.2). A configuration names one, or says {@code demoUsers: true} to take the demo users
 * shipped with Keyward, whose passwords are public (dev mode on a laptop does, nothing else
 * should). With neither, the application does not start: it never falls back to the demo users by
 * itself.
 */
public class DirectoryFactory {
  private Path usersFile;
  private boolean demoUsers;

  /** Failed sign-ins for one name within {@link #getSignInWindow() a window} before it locks. */
  @Min(1)
  private int signInLimit = 5;

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration signInWindow = Duration.minutes(15);

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

  /** Checked when the configuration is read: who may sign in is never left to a default. */
  @JsonIgnore
  @AssertTrue(
      message =
          "names no users: set usersFile (KEYWARD_USERS_FILE in config/keyward.yml), or"
              + " demoUsers: true on a laptop, whose demo passwords are public")
  public boolean isUsersNamed() {
    return usersFile != null || demoUsers;
  }
}
