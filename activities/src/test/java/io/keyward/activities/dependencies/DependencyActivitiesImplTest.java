package io.keyward.activities.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyActivitiesImplTest {
  private static final KeyRef KEY = new KeyRef("kv-payments", "card-signing");

  @TempDir Path dir;

  @Test
  void answersFromTheMap() {
    JsonFileDependencyMap map = new JsonFileDependencyMap(dir.resolve("map.json"));
    KeyDependent gateway = new KeyDependent("payment-gateway", "alice", "#payments");
    map.replace(KEY, List.of(gateway));

    assertThat(new DependencyActivitiesImpl(map).dependentsOf(KEY)).containsExactly(gateway);
  }

  @Test
  void aDamagedMapFailsInsteadOfAnsweringNoDependents() throws Exception {
    Path file = dir.resolve("map.json");
    Files.writeString(file, "{ not json");

    assertThatThrownBy(
            () -> new DependencyActivitiesImpl(new JsonFileDependencyMap(file)).dependentsOf(KEY))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("the dependency map")
        .hasMessageContaining("cannot be read or written");
  }
}
