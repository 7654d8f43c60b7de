package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/**
 * The {@code access} section: where the API reads the break-glass grants the worker writes. The
 * embedded store is a JSON file; without {@code grantsFile} it is {@code access/grants.json} in the
 * data directory, i.e. beside the audit trail's {@code audit} directory, which is where the worker
 * keeps it. The API and the worker must name the same file, or the API refuses every action taken
 * under a grant.
 */
public class AccessFactory {
  private Path grantsFile;

  @JsonProperty
  public Path getGrantsFile() {
    return grantsFile;
  }

  @JsonProperty
  public void setGrantsFile(Path grantsFile) {
    this.grantsFile = grantsFile;
  }
}
