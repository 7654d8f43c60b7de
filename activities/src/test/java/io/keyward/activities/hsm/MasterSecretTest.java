package io.keyward.activities.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.KeyRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterSecretTest {
  @TempDir Path dir;

  private static String randomBase64(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return Base64.getEncoder().encodeToString(value);
  }

  @Test
  void readsTheSecretFromTheEnvironmentVariable() {
    String value = randomBase64(32);

    MasterSecret secret =
        MasterSecret.fromEnvironment(Map.of("KEYWARD_MASTER_SECRET", value), null);

    assertThat(secret.copyBytes()).isEqualTo(Base64.getDecoder().decode(value));
  }

  @Test
  void readsTheSecretFromTheFileTheEnvironmentNames() throws Exception {
    String value = randomBase64(48);
    Path file = Files.writeString(dir.resolve("master.key"), value + "\n");

    MasterSecret secret =
        MasterSecret.fromEnvironment(Map.of("KEYWARD_MASTER_SECRET_FILE", file.toString()), null);

    assertThat(secret.copyBytes()).isEqualTo(Base64.getDecoder().decode(value));
  }

  @Test
  void fallsBackToTheConfiguredFile() throws Exception {
    String value = randomBase64(32);
    Path file = Files.writeString(dir.resolve("configured.key"), value);

    assertThat(MasterSecret.fromEnvironment(Map.of(), file).copyBytes())
        .isEqualTo(Base64.getDecoder().decode(value));
  }

  @Test
  void refusesAmbiguousOrMissingConfiguration() {
    assertThatThrownBy(
            () ->
                MasterSecret.fromEnvironment(
                    Map.of(
                        "KEYWARD_MASTER_SECRET",
                        randomBase64(32),
                        "KEYWARD_MASTER_SECRET_FILE",
                        "/etc/keyward/master.key"),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("set either KEYWARD_MASTER_SECRET or KEYWARD_MASTER_SECRET_FILE, not both");
    assertThatThrownBy(() -> MasterSecret.fromEnvironment(Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no master secret: set KEYWARD_MASTER_SECRET");
  }

  @Test
  void refusesShortOrMalformedSecretsWithoutRepeatingThem() {
    String shortValue = randomBase64(16);
    assertThatThrownBy(
            () -> MasterSecret.fromEnvironment(Map.of("KEYWARD_MASTER_SECRET", shortValue), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KEYWARD_MASTER_SECRET must decode to at least 32 bytes, decodes to 16");
    String malformed = "this is%not*base64-but-a-passphrase-of-some-length";
    assertThatThrownBy(
            () -> MasterSecret.fromEnvironment(Map.of("KEYWARD_MASTER_SECRET", malformed), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KEYWARD_MASTER_SECRET is not valid base64")
        .hasNoCause();
    assertThatThrownBy(() -> MasterSecret.fromFile(dir.resolve("absent.key")))
        .hasMessageContaining("absent.key does not exist");
  }

  @Test
  void toStringRevealsNothing() {
    String value = randomBase64(32);
    MasterSecret secret = MasterSecret.fromBase64(value, "test");

    assertThat(secret.toString()).isEqualTo("MasterSecret[redacted]").doesNotContain(value);
  }

  @Test
  void loadOrGenerateCreatesAnOwnerOnlyFileOnceAndWarnsWithoutTheValue() throws Exception {
    Path file = dir.resolve("dev").resolve("master-secret");

    MasterSecret generated;
    MasterSecret loaded;
    try (CapturedLogs logs = new CapturedLogs(MasterSecret.class)) {
      generated = MasterSecret.loadOrGenerate(file);
      loaded = MasterSecret.loadOrGenerate(file);

      String stored = Files.readString(file);
      assertThat(logs.warnings()).hasSize(2);
      assertThat(logs.warnings())
          .allSatisfy(
              w ->
                  assertThat(w)
                      .contains("development master secret")
                      .contains(file.toAbsolutePath().toString())
                      .doesNotContain(stored.strip()));
    }

    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    assertThat(loaded.copyBytes()).isEqualTo(generated.copyBytes());
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aGeneratedSecretOpensTheStoreItSealed() {
    Path file = dir.resolve("master-secret");
    Path keys = dir.resolve("keys");
    KeyRef key = new KeyRef("kv-dev", "dev-key");
    new SoftwareKeyProvider(keys, MasterSecret.loadOrGenerate(file))
        .create(Commands.create(key, Commands.aes(256), "k/1"));

    SoftwareKeyProvider reopened = new SoftwareKeyProvider(keys, MasterSecret.loadOrGenerate(file));

    assertThat(new RoundTripCheck().run(reopened, key, null).passed()).isTrue();
  }
}
