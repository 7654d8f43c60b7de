package io.keyward.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * The {@code audit} section: the JSON-lines file of the hash-chained audit trail (runbook 9.1).
 * Open one store per file and process: a process that also runs a worker must hand the worker's
 * store to the application instead of opening a second one.
 */
public class AuditFactory {
  @NotNull private Path file;

  @JsonProperty
  public Path getFile() {
    return file;
  }

  @JsonProperty
  public void setFile(Path file) {
    this.file = file;
  }
}
