package io.keyward.activities.hsm.azure;

import java.util.Set;

/** What kind of vault the stand-in plays, and the key types (kty) that kind accepts. */
public enum StandInVaultKind {
  /** A Managed HSM: HSM keys only, AES included. */
  MANAGED_HSM(Set.of("RSA-HSM", "EC-HSM", "oct-HSM")),
  /** A Premium vault: RSA and EC keys, HSM-backed or software. */
  PREMIUM(Set.of("RSA", "RSA-HSM", "EC", "EC-HSM")),
  /** A Standard vault: software RSA and EC keys. */
  STANDARD(Set.of("RSA", "EC"));

  final Set<String> keyTypes;

  StandInVaultKind(Set<String> keyTypes) {
    this.keyTypes = keyTypes;
  }
}
