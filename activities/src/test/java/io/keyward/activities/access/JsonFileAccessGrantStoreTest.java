package io.keyward.activities.access;

import static io.keyward.activities.access.Grants.AT;
import static io.keyward.activities.access.Grants.grant;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.breakglass.AccessGrant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileAccessGrantStoreTest {
  @TempDir Path dir;

  private JsonFileAccessGrantStore open() {
    return JsonFileAccessGrantStore.open(dir.resolve("access").resolve("grants.json"));
  }

  @Test
  void recordsAGrantThatAnotherStoreOnTheSameFileSees() {
    AccessGrant grant = grant("INC1", "bruno");

    open().record(grant);

    assertThat(open().find(grant.grantId())).contains(grant);
    assertThat(open().all()).containsExactly(grant);
  }

  @Test
  void aSecondRecordOfTheSameIdKeepsTheFirst() {
    AccessGrant first = grant("INC1", "bruno");
    JsonFileAccessGrantStore store = open();
    store.record(first);

    AccessGrant again = store.record(grant("INC1", "someone-else"));

    assertThat(again).isEqualTo(first);
    assertThat(store.all()).containsExactly(first);
  }

  @Test
  void removesAGrantForEveryReader() {
    JsonFileAccessGrantStore store = open();
    store.record(grant("INC1", "bruno"));
    store.record(grant("INC2", "bruno"));

    assertThat(store.remove("breakglass/INC1")).isTrue();
    assertThat(store.remove("breakglass/INC1")).isFalse();

    assertThat(open().find("breakglass/INC1")).isEmpty();
    assertThat(open().all()).extracting(AccessGrant::grantId).containsExactly("breakglass/INC2");
  }

  @Test
  void aGrantIsLiveOnlyForItsHolderAndBeforeItsExpiry() {
    JsonFileAccessGrantStore store = open();
    store.record(grant("INC1", "bruno"));

    assertThat(store.liveGrant("breakglass/INC1", "bruno", AT.plus(Duration.ofMinutes(14))))
        .isPresent();
    assertThat(store.liveGrant("breakglass/INC1", "lena", AT.plusSeconds(60))).isEmpty();
    assertThat(store.liveGrant("breakglass/INC1", "bruno", AT.plus(Duration.ofMinutes(15))))
        .as("expired, even though nobody revoked it yet")
        .isEmpty();
  }

  @Test
  void concurrentChangesLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AccessGrant>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        done.add(pool.submit(() -> open().record(grant("INC" + n, "bruno"))));
      }
      for (Future<AccessGrant> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(open().all()).hasSize(40);
  }

  @Test
  void keepsTheFileReadableByItsOwnerOnly() throws Exception {
    JsonFileAccessGrantStore store = open();
    store.record(grant("INC1", "bruno"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.path())))
        .isEqualTo("rw-------");
    assertThat(Files.readString(store.path())).contains("\"holder\" : \"bruno\"", "INC1");
  }
}
