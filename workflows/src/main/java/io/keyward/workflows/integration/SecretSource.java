package io.keyward.workflows.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a secret comes from: an environment variable, else a file (mounted by the platform, e.g. a
 * Kubernetes secret), never a configuration file in the repository. A file's trailing line break is
 * ignored, so {@code echo "$TOKEN" > file} works. The caller reads the file ({@link SecretFiles},
 * {@code Files::readString} in production); this record decides which source applies and checks
 * what was read.
 *
 * @param description what the secret is, for messages (never the value)
 * @param variable the environment variable holding the value, or null
 * @param file the file holding the value, or null
 */
public record SecretSource(String description, String variable, Path file) {
  /** The variable {@code NAME} and the file named by {@code NAME_FILE}. */
  public static SecretSource fromEnvironment(
      String description, String variable, Map<String, String> environment) {
    String file = environment.get(variable + "_FILE");
    return new SecretSource(
        description, variable, file == null || file.isBlank() ? null : Path.of(file));
  }

  /**
   * The secret, or empty when neither the variable is set nor a file is named.
   *
   * @throws IllegalArgumentException when both are set, or the named file is missing or empty
   */
  public Optional<Secret> resolve(Map<String, String> environment, SecretFiles files) {
    String value = variable == null ? null : environment.get(variable);
    boolean fromVariable = value != null && !value.isEmpty();
    if (fromVariable && file != null) {
      throw new IllegalArgumentException(
          description + ": set either " + variable + " or a file, not both");
    }
    if (fromVariable) {
      return Optional.of(Secret.ofText(value));
    }
    if (file == null) {
      return Optional.empty();
    }
    return Optional.of(read(file, files));
  }

  /** Like {@link #resolve}, but a missing secret is a configuration error. */
  public Secret require(Map<String, String> environment, SecretFiles files) {
    return resolve(environment, files)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    description
                        + " is not configured: set "
                        + (variable == null
                            ? "its file"
                            : variable + " or " + variable + "_FILE")));
  }

  private Secret read(Path path, SecretFiles files) {
    try {
      String text = files.read(path);
      String value = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text;
      value = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
      if (value.isEmpty()) {
        throw new IllegalArgumentException(description + ": the file " + path + " is empty");
      }
      return Secret.ofText(value);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(description + ": the file " + path + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException(description + ": the file " + path + " cannot be read", e);
    }
  }
}
