package io.keyward.workflows.policy;

/** Where a key must live (runbook 2.1 "Protection Level" and "Storage"), strongest first. */
public enum ProtectionLevel {
  /** FIPS 140-2 Level 3, Dedicated HSM (PKCS#11). */
  DEDICATED_HSM,
  /** FIPS 140-2 Level 2, Managed HSM. */
  MANAGED_HSM,
  /** Premium Key Vault with HSM-backed keys. */
  PREMIUM_KEY_VAULT_HSM,
  /** Standard Key Vault, software-protected keys. */
  STANDARD_KEY_VAULT,
  /** Any compliant storage. */
  ANY;

  /** True when a key kept at {@code offered} satisfies this requirement. */
  public boolean isSatisfiedBy(ProtectionLevel offered) {
    return offered.ordinal() <= ordinal();
  }
}
