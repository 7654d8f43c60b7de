package io.keyward.activities.hsm.azure;

import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import java.util.List;

/**
 * The rotation policy of runbook 6.2, set on every key Keyward creates in Key Vault: rotate 30 days
 * before expiry, notify 7 days before expiry, new versions expire after one year. Key Vault insists
 * the rotation come at least 7 days after creation and 7 days before expiry, which these values
 * satisfy.
 */
final class RunbookRotationPolicy {
  static final String ROTATE_BEFORE_EXPIRY = "P30D";
  static final String NOTIFY_BEFORE_EXPIRY = "P7D";
  static final String EXPIRES_IN = "P1Y";

  private RunbookRotationPolicy() {}

  static KeyRotationPolicy create() {
    return new KeyRotationPolicy()
        .setLifetimeActions(
            List.of(
                new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                    .setTimeBeforeExpiry(ROTATE_BEFORE_EXPIRY),
                new KeyRotationLifetimeAction(KeyRotationPolicyAction.NOTIFY)
                    .setTimeBeforeExpiry(NOTIFY_BEFORE_EXPIRY)))
        .setExpiresIn(EXPIRES_IN);
  }
}
