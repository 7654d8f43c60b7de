package io.keyward.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.keyward.activities.stores.Intruder;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.api.KeywardApplication;
import io.keyward.api.KeywardConfiguration;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.webauthn.AssertionAudit;
import io.keyward.workflows.webauthn.DecisionAssertion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAuditCommandTest {
  @TempDir Path dir;
  private Path config;
  private AuditRecord last;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeTrailAndConfig() throws Exception {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      stores.audit().append(event("e1", "APPROVED"));
      last = stores.audit().append(event("e2", "GENERATED"));
    }
    config = dir.resolve("keyward.yml");
    Files.writeString(
        config,
        "database:\n  dataDir: "
            + dir
            + "\ndirectory:\n  demoUsers: true\nlogging:\n  level: WARN\n",
        StandardCharsets.UTF_8);
  }

  @Test
  void passesAnIntactTrailAndItsLatestReceipt() {
    assertThat(verify()).isEmpty();
    assertThat(verify("--receipt", last.sequence() + ":" + last.hash())).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("audit trail intact: 2 records");
  }

  @Test
  void failsATrailWhoseRecordWasEdited() throws Exception {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      new Intruder(stores).editDetail(2, "GENERATED", "GENERATES");
    }

    assertThat(verify()).isPresent();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN at record #2");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(dir + " is broken");
  }

  @Test
  void failsATrailCutShortOfTheReceipt() throws Exception {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      new Intruder(stores).truncateAfter(1, true);
    }

    assertThat(verify()).isEmpty();
    assertThat(verify("--receipt", last.sequence() + ":" + last.hash())).isPresent();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("truncated: the receipt names record #2 but the trail ends at #1");
  }

  @Test
  void failsASignedDecisionWhoseAssertionDoesNotVerifyAgainstTheStore() throws Exception {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      Map<String, String> details = new HashMap<>();
      details.put("decision", "APPROVE");
      details.put(AssertionAudit.RUN_ID, "run-1");
      details.put(AssertionAudit.STEP, "APPROVE@AWAITING_APPROVAL");
      details.putAll(
          AssertionAudit.of(new DecisionAssertion("bm90LWVucm9sbGVk", "e30", "AA", "AA", "n1")));
      stores
          .audit()
          .append(
              new AuditEvent(
                  "e3",
                  "keygen/kv-audit/k1",
                  "DECISION_APPROVE",
                  "carol",
                  Instant.parse("2026-11-28T10:05:00Z"),
                  details));
    }

    assertThat(verify()).as("the chain alone is intact").isEmpty();
    assertThat(verify("--assertions", "keygen/kv-audit/k1")).isPresent();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "assertion does not verify: keygen/kv-audit/k1 DECISION_APPROVE by carol: its security"
                + " key is not in the credentials store");
  }

  @Test
  void saysHowManySignedDecisionsVerifyAgain() {
    assertThat(verify("--assertions", "keygen/kv-audit/k1")).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("0 signed decision(s) of keygen/kv-audit/k1 verify again");
  }

  private Optional<Throwable> verify(String... options) {
    Bootstrap<KeywardConfiguration> bootstrap = new Bootstrap<>(new KeywardApplication());
    bootstrap.addCommand(new VerifyAuditCommand());
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Cli cli =
          new Cli(
              new JarLocation(KeywardApplication.class),
              bootstrap,
              new ByteArrayOutputStream(),
              err);
      String[] args = new String[options.length + 2];
      args[0] = "verify-audit";
      System.arraycopy(options, 0, args, 1, options.length);
      args[args.length - 1] = config.toString();
      return cli.run(args);
    } finally {
      System.setOut(stdout);
    }
  }

  private static AuditEvent event(String id, String type) {
    return new AuditEvent(
        id, "keygen/kv-audit/k1", type, "olivia", Instant.parse("2026-11-28T10:00:00Z"), Map.of());
  }
}
