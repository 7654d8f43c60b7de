package io.keyward.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.keyward.activities.stores.Intruder;
import io.keyward.api.KeywardApplication;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.RunningKeyward;
import io.keyward.api.testing.DevServerCli;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.codec.CodecSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-audit --ceremony-receipts} against a real Temporal dev server with a running
 * worker: a generation ceremony runs to the end, then the trail is rewritten and cut short in the
 * database as someone who can write it (but holds no audit key) would, the head moved along so that
 * the chain alone looks whole. The receipts the ceremonies hold, asked of Temporal through the
 * payload codec, show both, and name the ceremony.
 */
class VerifyAuditAgainstCeremoniesTest {
  private static final String VAULT = "kv-receipts";
  private static final String NAME = "orders-signing";
  private static final String CEREMONY = "keygen/" + VAULT + "/" + NAME;

  @TempDir Path data;
  private RunningKeyward keyward;
  private Path config;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void runACeremony() throws Exception {
    keyward = RunningKeyward.onDevServer(data, DevServerCli.require());
    keyward.registeredKey(VAULT, NAME, "CONFIDENTIAL");
    config = data.resolve("verify.yml");
    Files.writeString(
        config,
        "temporal:\n  target: "
            + keyward.client().getWorkflowServiceStubs().getOptions().getTarget()
            + "\n  namespace: default\n  taskQueue: keyward-ceremonies\n"
            + "codec:\n  keyEncryptionKey: "
            + CodecSettings.DEV_KEY_ENCRYPTION_KEY
            + "\n  dataDir: "
            + data
            + "\n  devMode: true\n"
            + "database:\n  dataDir: "
            + data
            + "\ndirectory:\n  demoUsers: true\nlogging:\n  level: WARN\n",
        StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    if (keyward != null) {
      keyward.close();
    }
  }

  @Test
  void reportsARewrittenAndThenATruncatedTrailAndNamesTheCeremonyThatSawIt() throws Exception {
    assertThat(keyward.audit().recordsFor(CEREMONY))
        .extracting(r -> r.event().type())
        .contains("GENERATION_REGISTERED");
    // The newest record: the ceremony (or the key's lifecycle it started) that wrote it holds its
    // receipt, and no receipt names a later one.
    List<AuditRecord> newest = keyward.audit().recordsAfter(keyward.audit().lastSequence() - 1);
    AuditRecord last = newest.get(0);
    String holder = last.event().subject();

    assertThat(verify("--ceremony-receipts")).isEmpty();
    assertThat(output()).contains("ceremony receipts collected").contains("audit trail intact");

    // A database writer rewrites the ceremony's last record, recomputing its hash.
    new Intruder(keyward.stores()).rewriteWithNewHash(last.sequence());
    out.reset();
    assertThat(verify("--ceremony-receipts")).isPresent();
    assertThat(output())
        .contains(
            "BROKEN at record #"
                + last.sequence()
                + ": record #"
                + last.sequence()
                + " is not the one the receipt of "
                + holder
                + " (")
        .contains("(rewritten)");

    // Then cuts it off the end, with the head, so that the chain alone verifies.
    new Intruder(keyward.stores()).truncateAfter(last.sequence() - 1, true);
    out.reset();
    assertThat(verify()).isEmpty();
    assertThat(output()).contains("audit trail intact: " + (last.sequence() - 1) + " records");
    out.reset();
    assertThat(verify("--ceremony-receipts")).isPresent();
    assertThat(output())
        .contains(
            "BROKEN at record #" + last.sequence() + ": truncated: the receipt of " + holder + " (")
        .contains(
            "names record #"
                + last.sequence()
                + " but the trail ends at #"
                + (last.sequence() - 1));
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is broken");
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private Optional<Throwable> verify(String... options) {
    Bootstrap<KeywardConfiguration> bootstrap = new Bootstrap<>(new KeywardApplication());
    bootstrap.addCommand(new VerifyAuditCommand());
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
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
}
