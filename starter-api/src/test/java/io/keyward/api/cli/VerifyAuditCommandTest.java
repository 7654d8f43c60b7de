package io.keyward.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.keyward.activities.audit.JsonLinesAuditStore;
import io.keyward.api.KeywardApplication;
import io.keyward.api.KeywardConfiguration;
import io.keyward.workflows.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAuditCommandTest {
  @TempDir Path dir;
  private Path trail;
  private Path config;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeTrailAndConfig() throws Exception {
    trail = dir.resolve("audit.jsonl");
    try (JsonLinesAuditStore store = JsonLinesAuditStore.open(trail)) {
      store.append(event("e1", "APPROVED"));
      store.append(event("e2", "GENERATED"));
    }
    config = dir.resolve("keyward.yml");
    Files.writeString(
        config,
        "audit:\n  file: " + trail + "\ndirectory:\n  demoUsers: true\nlogging:\n  level: WARN\n",
        StandardCharsets.UTF_8);
  }

  @Test
  void passesAnIntactTrail() {
    assertThat(verify()).isEmpty();
  }

  @Test
  void failsATrailWhoseRecordWasEdited() throws Exception {
    String text = Files.readString(trail, StandardCharsets.UTF_8);
    Files.writeString(trail, text.replace("GENERATED", "GENERATES"), StandardCharsets.UTF_8);

    assertThat(verify()).isPresent();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(trail + " is broken");
  }

  private Optional<Throwable> verify() {
    Bootstrap<KeywardConfiguration> bootstrap = new Bootstrap<>(new KeywardApplication());
    bootstrap.addCommand(new VerifyAuditCommand());
    Cli cli =
        new Cli(
            new JarLocation(KeywardApplication.class), bootstrap, new ByteArrayOutputStream(), err);
    return cli.run("verify-audit", config.toString());
  }

  private static AuditEvent event(String id, String type) {
    return new AuditEvent(
        id, "keygen/kv-audit/k1", type, "olivia", Instant.parse("2026-11-28T10:00:00Z"), Map.of());
  }
}
