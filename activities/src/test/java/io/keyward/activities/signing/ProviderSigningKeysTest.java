package io.keyward.activities.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.attestation.AttestationSigner;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.TrustedKey;
import io.keyward.workflows.attestation.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's signing key in the software provider (as dev mode has it) and the keys workers trust:
 * by name from the same keystore, or from a trusted keys file with public keys only.
 */
class ProviderSigningKeysTest {
  private static final byte[] DATA = "claims".getBytes(StandardCharsets.UTF_8);

  @TempDir Path data;

  private final SigningKeySource source = SigningKeySource.onClassPath();

  @Test
  void signsInP1363FormWhatTheTrustedKeyVerifies() throws Exception {
    SigningSettings settings = dev();
    AttestationSigner signer = source.signer(settings, Map.of());
    TrustedKeys trusted = source.trusted(settings, Map.of());

    byte[] signature = signer.sign(DATA);

    assertThat(signature).hasSize(64);
    assertThat(trusted.ids()).containsExactly(signer.keyId());
    assertThat(signer.keyId()).startsWith("software:keyward/decisions@");
    assertThat(verifies(trusted.forId(signer.keyId()).orElseThrow(), signature)).isTrue();
    assertThat(Files.exists(ProviderSigningKeys.softwareDirectory(data))).isTrue();
  }

  @Test
  void aSecondStartSignsWithTheSameKey() {
    String first = source.signer(dev(), Map.of()).keyId();
    assertThat(source.signer(dev(), Map.of()).keyId()).isEqualTo(first);
  }

  @Test
  void readsTrustedPublicKeysWithTheirOverlapFromAFile() throws Exception {
    AttestationSigner signer = source.signer(dev(), Map.of());
    TrustedKey own = source.trusted(dev(), Map.of()).forId(signer.keyId()).orElseThrow();
    Path file = data.resolve("trusted.yml");
    Files.writeString(
        file,
        "trustedKeys:\n  - keyId: "
            + signer.keyId()
            + "\n    notAfter: 2027-03-01T12:00:00Z\n    publicKey: |\n"
            + TrustedKeysFile.pem(own.publicKey()).indent(6));

    TrustedKeys fromFile =
        source.trusted(
            new SigningSettings(SigningSettings.DEV_SIGNING_KEY, file, data, true), Map.of());

    TrustedKey read = fromFile.forId(signer.keyId()).orElseThrow();
    assertThat(read.notAfter()).isEqualTo(Instant.parse("2027-03-01T12:00:00Z"));
    assertThat(verifies(read, signer.sign(DATA))).isTrue();
  }

  @Test
  void aProductionWorkerDoesNotMakeTheKeyItWouldTrust() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Map<String, String> env =
        Map.of("KEYWARD_MASTER_SECRET", Base64.getEncoder().encodeToString(secret));
    SigningSettings production =
        new SigningSettings(SigningSettings.DEV_SIGNING_KEY, null, data, false);

    assertThatThrownBy(() -> source.trusted(production, env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist yet: the API makes it on its first start");

    String made = source.signer(production, env).keyId();
    assertThat(source.trusted(production, env).ids()).containsExactly(made);
  }

  @Test
  void refusesAProviderThatIsNotConfigured() {
    assertThatThrownBy(
            () ->
                source.signer(
                    new SigningSettings("hsm:keyward/decisions", null, data, true), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names provider 'hsm', which is not configured");
  }

  private SigningSettings dev() {
    return new SigningSettings(SigningSettings.DEV_SIGNING_KEY, null, data, true);
  }

  private static boolean verifies(TrustedKey key, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(key.publicKey());
    verifier.update(DATA);
    return verifier.verify(signature);
  }
}
