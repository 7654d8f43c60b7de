package io.keyward.activities.stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A second process appending to the same database: {@code AppendFromAnotherProcess <prefix> <n>
 * <shared>} appends {@code <prefix>/1..n} and, between them, {@code shared/1..shared} (which others
 * append too). The database comes from the environment, as a worker's does.
 */
public final class AppendFromAnotherProcess {
  private AppendFromAnotherProcess() {}

  public static void main(String[] args) {
    String prefix = args[0];
    int count = Integer.parseInt(args[1]);
    int shared = Integer.parseInt(args[2]);
    Map<String, String> env = System.getenv();
    try (JdbcStores stores =
        JdbcStores.open(
            DatabaseEnvironment.settings(
                env, Path.of(env.getOrDefault("KEYWARD_DATA_DIR", "data")), Files::readString))) {
      ConcurrentAppends.append(stores.audit(), prefix, count, shared);
    }
  }
}
