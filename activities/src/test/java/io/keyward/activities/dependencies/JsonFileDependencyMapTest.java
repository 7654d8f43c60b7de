package io.keyward.activities.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileDependencyMapTest {
  private static final KeyRef KEY = new KeyRef("kv-payments", "card-signing");
  private static final KeyDependent GATEWAY =
      new KeyDependent("payment-gateway", "alice", "#payments-oncall");
  private static final KeyDependent LEDGER =
      new KeyDependent("ledger", "alice", "ledger@example.com");

  @TempDir Path dir;

  @Test
  void keepsWhatWasRecordedForAKeyInOrder() {
    JsonFileDependencyMap map = new JsonFileDependencyMap(dir.resolve("dependency-map.json"));

    map.replace(KEY, List.of(GATEWAY, LEDGER));

    assertThat(map.dependentsOf(KEY)).containsExactly(GATEWAY, LEDGER);
    assertThat(map.dependentsOf(new KeyRef("kv-payments", "other"))).isEmpty();
    assertThat(map.all()).containsOnlyKeys(KEY);
  }

  @Test
  void aSecondStoreOnTheSameFileSeesTheChanges() {
    Path file = dir.resolve("dependency-map.json");
    JsonFileDependencyMap api = new JsonFileDependencyMap(file);
    JsonFileDependencyMap worker = new JsonFileDependencyMap(file);

    api.replace(KEY, List.of(GATEWAY));
    assertThat(worker.dependentsOf(KEY)).containsExactly(GATEWAY);
    api.replace(KEY, List.of(LEDGER));
    assertThat(worker.dependentsOf(KEY)).containsExactly(LEDGER);
  }

  @Test
  void anEmptyListRemovesTheKey() {
    JsonFileDependencyMap map = new JsonFileDependencyMap(dir.resolve("dependency-map.json"));
    map.replace(KEY, List.of(GATEWAY));

    map.replace(KEY, List.of());

    assertThat(map.all()).isEmpty();
  }

  @Test
  void writesReadableJsonKeyedByVaultAndName() throws Exception {
    Path file = dir.resolve("nested/dependency-map.json");
    new JsonFileDependencyMap(file).replace(KEY, List.of(GATEWAY));

    var json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.at("/kv-payments~1card-signing/0/application").asText())
        .isEqualTo("payment-gateway");
    assertThat(json.at("/kv-payments~1card-signing/0/contact").asText())
        .isEqualTo("#payments-oncall");
  }

  @Test
  void refusesIncompleteEntriesAndChangesNothing() {
    JsonFileDependencyMap map = new JsonFileDependencyMap(dir.resolve("dependency-map.json"));
    map.replace(KEY, List.of(GATEWAY));

    assertThatThrownBy(
            () -> map.replace(KEY, List.of(GATEWAY, new KeyDependent("ledger", "alice", " "))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dependents[1].contact is required: an address or channel to notify");
    assertThatThrownBy(
            () ->
                map.replace(KEY, List.of(GATEWAY, new KeyDependent("Payment-Gateway", "bob", "x"))))
        .hasMessageContaining("dependents[1].application: Payment-Gateway is listed twice");
    assertThatThrownBy(
            () -> map.replace(KEY, List.of(new KeyDependent("ledger", "not an id!", "x"))))
        .hasMessageContaining("dependents[0].owner must be the directory id");
    assertThat(map.dependentsOf(KEY)).containsExactly(GATEWAY);
  }

  @Test
  void concurrentChangesToDifferentKeysAreAllKept() throws Exception {
    Path file = dir.resolve("dependency-map.json");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      KeyRef key = new KeyRef("kv-apps", "key-" + i);
      done.add(pool.submit(() -> new JsonFileDependencyMap(file).replace(key, List.of(GATEWAY))));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    assertThat(new JsonFileDependencyMap(file).all()).hasSize(40);
  }
}
