package io.keyward.workflows.attestation;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Which key signs people's inputs, and which keys workers trust, the same in every process of one
 * namespace (the API's {@code signing} section; the worker's {@code KEYWARD_SIGNING_*} variables).
 *
 * @param signingKey {@code <provider>:<vault>/<name>}: an EC P-256 signing key, in the software
 *     provider ({@code software}, kept in {@code <dataDir>/signing-keys}) or a provider of the
 *     providers file (a PKCS#11 token, Key Vault); created on first use when it does not exist
 * @param trustedKeysFile a file of the public keys workers trust ({@code keyId}, {@code publicKey}
 *     PEM, optional {@code notAfter}); null to trust only {@code signingKey}'s newest version, read
 *     from its provider
 * @param dataDir the data directory; the software signing key lives below it
 * @param devMode whether the software provider may use the generated development master secret
 */
public record SigningSettings(
    String signingKey, Path trustedKeysFile, Path dataDir, boolean devMode) {
  public static final String DEV_SIGNING_KEY = "software:keyward/decisions";
  public static final String ENV_KEY = "KEYWARD_SIGNING_KEY";
  public static final String ENV_TRUSTED = "KEYWARD_TRUSTED_SIGNERS_FILE";

  public SigningSettings {
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(dataDir, "dataDir");
  }

  /** From {@value #ENV_KEY} (default {@value #DEV_SIGNING_KEY}) and {@value #ENV_TRUSTED}. */
  public static SigningSettings fromEnvironment(
      Map<String, String> env, Path dataDir, boolean devMode) {
    String key = env.get(ENV_KEY);
    String trusted = env.get(ENV_TRUSTED);
    return new SigningSettings(
        key == null || key.isBlank() ? DEV_SIGNING_KEY : key.strip(),
        trusted == null || trusted.isBlank() ? null : Path.of(trusted.strip()),
        dataDir,
        devMode);
  }
}
