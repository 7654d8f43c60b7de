package io.keyward.activities.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyActivitiesImplTest {
  private static final KeyRef KEY = new KeyRef("kv-payments", "card-signing");

  @TempDir Path dir;

  @Test
  void answersFromTheMap() {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      KeyDependent gateway = new KeyDependent("payment-gateway", "alice", "#payments");
      stores.dependencyMap().replace(KEY, List.of(gateway));

      assertThat(new DependencyActivitiesImpl(stores.dependencyMap()).dependentsOf(KEY))
          .containsExactly(gateway);
    }
  }
}
