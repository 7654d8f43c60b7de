package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/**
 * The {@code directory} section: the users file that says who may log in and which roles they hold
 * (runbook 4.2). Without {@code usersFile} the demo users shipped with Keyward are active, whose
 * passwords are public: never leave it unset outside a laptop.
 */
public class DirectoryFactory {
  private Path usersFile;

  @JsonProperty
  public Path getUsersFile() {
    return usersFile;
  }

  @JsonProperty
  public void setUsersFile(Path usersFile) {
    this.usersFile = usersFile;
  }
}
