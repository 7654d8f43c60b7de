package io.keyward.dev;

import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Temporal service that Keyward's dev mode runs inside or beside its own process, with Keyward's
 * search attributes registered. Closing it stops the service and its client; stop the worker and
 * the API first, since they use the client.
 */
public interface EmbeddedTemporal extends AutoCloseable {
  /** A client of the {@link #namespace()}, owned by this object: do not shut its stubs down. */
  WorkflowClient client();

  /** The frontend's {@code host:port}, as a worker or a CLI in another process would dial it. */
  String target();

  String namespace();

  /** Temporal Web, when this service has one. */
  Optional<URI> webUi();

  /**
   * The file that keeps workflows across restarts; empty when nothing survives the process, as with
   * the in-process test server.
   */
  Optional<Path> database();

  @Override
  void close();
}
