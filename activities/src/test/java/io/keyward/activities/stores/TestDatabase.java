package io.keyward.activities.stores;

import io.keyward.workflows.stores.DatabaseSettings;
import java.nio.file.Path;
import java.util.Map;

/** Where a conformance test's stores live: a fresh, empty database for each test. */
interface TestDatabase extends AutoCloseable {
  /** A database nobody has used yet; {@code dir} is the test's temporary directory. */
  DatabaseSettings fresh(Path dir) throws Exception;

  /** The environment that makes another process open the same database (DatabaseEnvironment). */
  Map<String, String> environment(DatabaseSettings settings);

  /** Drops what {@link #fresh} made, when it lives outside the temporary directory. */
  @Override
  void close() throws java.sql.SQLException;
}
