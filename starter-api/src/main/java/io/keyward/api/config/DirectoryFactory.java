package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import java.nio.file.Path;

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
