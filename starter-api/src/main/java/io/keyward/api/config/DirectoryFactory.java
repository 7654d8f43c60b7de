package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyward.activities.directory.YamlDirectory;
import io.keyward.workflows.directory.Directory;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code directory} section: the users file that says who may log in and which roles they hold
 * (runbook 4.2). Without {@code usersFile} the demo users shipped with Keyward are active, whose
 * passwords are public: never leave it unset outside a laptop.
 */
public class DirectoryFactory {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryFactory.class);

  private Path usersFile;

  @JsonProperty
  public Path getUsersFile() {
    return usersFile;
  }

  @JsonProperty
  public void setUsersFile(Path usersFile) {
    this.usersFile = usersFile;
  }

  /** Loads and checks the users file; a malformed file stops the application at start. */
  public Directory build() {
    if (usersFile == null) {
      LOG.warn(
          "directory.usersFile is not set: the DEMO users of {} are active, with publicly known"
              + " passwords; set directory.usersFile for any shared deployment",
          YamlDirectory.DEMO_USERS);
      return YamlDirectory.demo();
    }
    return YamlDirectory.load(usersFile);
  }
}
