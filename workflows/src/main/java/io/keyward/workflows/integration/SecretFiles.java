package io.keyward.workflows.integration;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the file a {@link SecretSource} names: {@code Files::readString} where secrets are resolved
 * (the API's configuration, the worker's environment). Passed in so that this contracts module does
 * no I/O itself.
 */
@FunctionalInterface
public interface SecretFiles {
  /** The file's text, as UTF-8. */
  String read(Path file) throws IOException;
}
