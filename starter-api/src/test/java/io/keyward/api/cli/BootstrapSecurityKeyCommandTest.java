package io.keyward.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.api.KeywardApplication;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.webauthn.SecurityKeyBootstrap;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.PersonCredential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootstrap-security-key} as an operator runs it against a configuration: it activates a
 * security team lead's first key and records it in the audit trail, and refuses, changing nothing,
 * a key that is not a lead's, not PENDING, or any key once a lead holds an ACTIVE one.
 */
class BootstrapSecurityKeyCommandTest {
  private static final Instant AT = Instant.parse("2026-12-04T04:00:00Z");

  @TempDir Path dir;
  private Path config;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeStoresAndConfig() throws Exception {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      stores.credentials().register(pending("lena", "lena-key"));
      stores.credentials().register(pending("lars", "lars-key"));
      stores.credentials().register(pending("olivia", "olivia-key"));
    }
    Path users = dir.resolve("users.yml");
    Files.writeString(
        users,
        "users:\n"
            + user("lena", "SECURITY_TEAM_LEAD")
            + user("lars", "SECURITY_TEAM_LEAD")
            + user("olivia", "CRYPTO_OFFICER"),
        StandardCharsets.UTF_8);
    config = dir.resolve("keyward.yml");
    Files.writeString(
        config,
        "database:\n  dataDir: "
            + dir
            + "\ndirectory:\n  usersFile: "
            + users
            + "\nlogging:\n  level: WARN\n",
        StandardCharsets.UTF_8);
  }

  @Test
  void activatesTheFirstLeadsKeyAndRecordsTheBootstrap() {
    assertThat(bootstrap("lena-key", "ops-anna")).isEmpty();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("security key of lena is ACTIVE");
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      PersonCredential lenas = stores.credentials().find("lena-key").orElseThrow();
      assertThat(lenas.state()).isEqualTo(CredentialState.ACTIVE);
      assertThat(lenas.approvedBy()).isEqualTo("bootstrap by ops-anna");
      assertThat(stores.audit().recordsFor("security-key/lena-key"))
          .extracting(AuditRecord::event)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo(SecurityKeyBootstrap.EVENT);
                assertThat(e.actor()).isEqualTo("ops-anna");
                assertThat(e.details()).containsEntry("person", "lena");
              });
    }
  }

  @Test
  void refusesOnceALeadHoldsAnActiveKey() {
    assertThat(bootstrap("lena-key", "ops-anna")).isEmpty();

    assertThat(bootstrap("lars-key", "ops-anna")).isPresent();

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "bootstrap refused: a bootstrap is refused once a security team lead holds an approved"
                + " key (lena)");
    assertThat(stateOf("lars-key")).isEqualTo(CredentialState.PENDING);
  }

  @Test
  void refusesAKeyThatIsNotALeadsAndAKeyNotWaiting() {
    assertThat(bootstrap("olivia-key", "ops-anna")).isPresent();
    assertThat(bootstrap("nobodys-key", "ops-anna")).isPresent();

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("olivia is not a security team lead")
        .contains("no security key nobodys-key in the credentials store");
    assertThat(stateOf("olivia-key")).isEqualTo(CredentialState.PENDING);
  }

  /** A directory entry; the password hash is lena's demo one, never used here. */
  private static String user(String id, String role) {
    return "  - id: "
        + id
        + "\n    name: "
        + id
        + "\n    email: "
        + id
        + "@example.com\n    roles: ["
        + role
        + "]\n    passwordHash: \"$2y$10$vhXZdqriODFC0TaC2owUUevhKN4Zbhuy0E0/sW6OCzN/ljV1P7r3C\"\n";
  }

  private CredentialState stateOf(String credentialId) {
    try (JdbcStores stores = JdbcStores.embedded(dir)) {
      return stores.credentials().find(credentialId).orElseThrow().state();
    }
  }

  private static PersonCredential pending(String person, String credentialId) {
    return PersonCredential.pending(
        person, credentialId, "cose", 0, "localhost", "http://localhost", AT);
  }

  private Optional<Throwable> bootstrap(String credentialId, String operator) {
    Bootstrap<KeywardConfiguration> bootstrap = new Bootstrap<>(new KeywardApplication());
    bootstrap.addCommand(new BootstrapSecurityKeyCommand());
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Cli cli =
          new Cli(
              new JarLocation(KeywardApplication.class),
              bootstrap,
              new ByteArrayOutputStream(),
              err);
      return cli.run(
          "bootstrap-security-key",
          "--credential",
          credentialId,
          "--operator",
          operator,
          "--leave-ceremony",
          config.toString());
    } finally {
      System.setOut(stdout);
    }
  }
}
