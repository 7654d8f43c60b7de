package io.keyward.activities.hsm.azure;

import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import java.util.List;

/**
 * The rotation policy Keyward sets on every key it creates in Key Vault: notify 30 days before
 * expiry (runbook 6.1's T-30), and nothing else. No rotate action and no expiry for rotated
 * versions: only Keyward's ceremonies make a new version, behind their approval gate, with the
 * expiry the classification matrix sets. A service-side rotate would bypass both.
 */
final class ExpiryNoticePolicy {
  static final String NOTIFY_BEFORE_EXPIRY = "P30D";

  private ExpiryNoticePolicy() {}

  static KeyRotationPolicy create() {
    return new KeyRotationPolicy()
        .setLifetimeActions(
            List.of(
                new KeyRotationLifetimeAction(KeyRotationPolicyAction.NOTIFY)
                    .setTimeBeforeExpiry(NOTIFY_BEFORE_EXPIRY)));
  }
}
