package io.keyward.activities.stores;

import io.keyward.workflows.stores.DatabaseSettings;
import java.nio.file.Path;
import java.util.Map;

/** The embedded H2 database in the test's temporary directory, as dev mode has it. */
final class EmbeddedTestDatabase implements TestDatabase {
  @Override
  public DatabaseSettings fresh(Path dir) {
    return DatabaseSettings.embedded(dir.resolve("data"));
  }

  @Override
  public Map<String, String> environment(DatabaseSettings settings) {
    return Map.of("KEYWARD_DATA_DIR", settings.dataDir().toString());
  }

  @Override
  public void close() {}
}
