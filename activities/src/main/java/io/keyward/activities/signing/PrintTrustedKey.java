package io.keyward.activities.signing;

import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.TrustedKey;
import io.keyward.workflows.attestation.TrustedKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints the trusted keys file entry of the API's signing key, for workers that do not share the
 * API's keystore: {@code java -cp 'lib/*' io.keyward.activities.signing.PrintTrustedKey
 * [data-dir]}, with the API's {@code KEYWARD_SIGNING_KEY} and master secret in the environment.
 * Only the public key is printed. Works for the software provider; a PKCS#11 token or Key Vault
 * exports the public key with its own tools (see docs/deployment.md).
 */
public final class PrintTrustedKey {
  private PrintTrustedKey() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    Path dataDir =
        Path.of(args.length > 0 ? args[0] : env.getOrDefault("KEYWARD_DATA_DIR", "data"));
    Map<String, String> withoutFile = new HashMap<>(env);
    withoutFile.remove(SigningSettings.ENV_TRUSTED);
    SigningSettings settings = SigningSettings.fromEnvironment(withoutFile, dataDir, false);
    TrustedKeys trusted = SigningKeySource.onClassPath().trusted(settings, withoutFile);
    System.out.println("trustedKeys:");
    for (String id : trusted.ids()) {
      TrustedKey key = trusted.forId(id).orElseThrow();
      System.out.println("  - keyId: " + key.keyId());
      System.out.println("    publicKey: |");
      TrustedKeysFile.pem(key.publicKey()).lines().forEach(l -> System.out.println("      " + l));
    }
  }
}
