package io.keyward.workflows.attestation;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens the signing key and the trusted keys that {@link SigningSettings} name, in their providers.
 * The API and the worker know only this interface; the implementation lives with the key providers
 * in the activities module ({@code
 * META-INF/services/io.keyward.workflows.attestation.SigningKeySource}).
 */
public interface SigningKeySource {
  /**
   * The API's signer; the key is created in its provider when it does not exist yet.
   *
   * @throws IllegalArgumentException when the key is malformed or its provider is not configured
   */
  AttestationSigner signer(SigningSettings settings, Map<String, String> environment);

  /**
   * The keys a worker trusts: those of the trusted keys file, or else the signing key's newest
   * version (created when it does not exist yet).
   */
  TrustedKeys trusted(SigningSettings settings, Map<String, String> environment);

  /**
   * The one source on the class path.
   *
   * @throws IllegalStateException when there is none or more than one
   */
  static SigningKeySource onClassPath() {
    List<SigningKeySource> found =
        ServiceLoader.load(SigningKeySource.class, SigningKeySource.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    if (found.size() != 1) {
      throw new IllegalStateException(
          "expected one "
              + SigningKeySource.class.getName()
              + " on the class path (it comes with keyward-activities), found "
              + found.size());
    }
    return found.get(0);
  }
}
