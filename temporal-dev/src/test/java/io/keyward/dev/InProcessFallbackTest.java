package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a Temporal CLI, dev mode still runs ceremonies, on the in-process test server. */
class InProcessFallbackTest {
  @TempDir Path dataDir;

  @Test
  void takesRequestsAndDecisionsOnTheInProcessServerWhenThereIsNoCli() throws Exception {
    DevSettings settings =
        new DevSettings(0, 0, 0, 0, dataDir, Optional.empty(), Path.of("config", "dev.yml"));

    try (LocalKeyward keyward = LocalKeyward.start(settings, Map.of())) {
      assertThat(keyward.temporal()).isInstanceOf(InProcessTemporal.class);
      assertThat(keyward.temporal().database()).isEmpty();
      assertThat(keyward.temporal().webUi()).isEmpty();
      DemoUserHttp api = new DemoUserHttp(keyward.apiUri());

      DemoUserHttp.Answer requested =
          api.post(
              "alice",
              "/api/generations",
              Map.of(
                  "vault", "kv-local",
                  "name", "quick-look",
                  "classification", "CONFIDENTIAL",
                  "spec", Map.of("type", "AES", "size", 256, "operations", List.of("ENCRYPT")),
                  "justification", "Trying Keyward out without the Temporal CLI"));
      assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);

      DemoUserHttp.Answer approved =
          api.post(
              "olivia",
              "/api/generations/kv-local/quick-look/decisions",
              Map.of("decision", "APPROVE"));
      assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
      assertThat(approved.phase()).isEqualTo("AWAITING_GENERATION");
    }
  }
}
