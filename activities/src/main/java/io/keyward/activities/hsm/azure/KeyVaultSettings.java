package io.keyward.activities.hsm.azure;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.ProtectionLevel;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One Key Vault provider: the vaults it serves and the protection they give. A Managed HSM gives
 * {@link ProtectionLevel#MANAGED_HSM}, a Premium vault {@link
 * ProtectionLevel#PREMIUM_KEY_VAULT_HSM} (and software keys for levels that need no HSM), a
 * Standard vault {@link ProtectionLevel#STANDARD_KEY_VAULT}. No credential is part of the settings:
 * the identity comes from the environment ({@code DefaultAzureCredential}).
 *
 * @param name the provider's name in configuration and in key attributes, e.g. {@code managed-hsm}
 * @param protection what the vaults give; one of the three levels above
 * @param vaults Keyward vault name (the {@link KeyRef#vault()} of its keys) to vault URL, e.g.
 *     {@code hsm-secret-001 -> https://hsm-secret-001.managedhsm.azure.net}
 * @param maxRetries how often a throttled or failed request is retried inside one call
 * @param maxRetryAfter the longest Retry-After waited out inside a call; a longer one is handed to
 *     the workflow as a retryable failure at once, so no worker thread sleeps through it
 */
public record KeyVaultSettings(
    String name,
    ProtectionLevel protection,
    Map<String, URI> vaults,
    int maxRetries,
    Duration maxRetryAfter) {
  public static final int DEFAULT_MAX_RETRIES = 2;
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(5);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  public KeyVaultSettings {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a Key Vault provider name is 1-40 lowercase letters, digits or dashes, starting with a"
              + " letter: "
              + name);
    }
    if (protection != ProtectionLevel.MANAGED_HSM
        && protection != ProtectionLevel.PREMIUM_KEY_VAULT_HSM
        && protection != ProtectionLevel.STANDARD_KEY_VAULT) {
      throw new IllegalArgumentException(
          "the Key Vault provider "
              + name
              + " must give MANAGED_HSM (a Managed HSM), PREMIUM_KEY_VAULT_HSM (a Premium vault) or"
              + " STANDARD_KEY_VAULT (a Standard vault), not "
              + protection);
    }
    if (vaults == null || vaults.isEmpty()) {
      throw new IllegalArgumentException("the Key Vault provider " + name + " names no vaults");
    }
    vaults = new TreeMap<>(vaults);
    for (Map.Entry<String, URI> vault : vaults.entrySet()) {
      try {
        new KeyRef(vault.getKey(), "probe");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "vault name of provider " + name + " is not a valid vault name: " + e.getMessage());
      }
      URI url = Objects.requireNonNull(vault.getValue(), "the URL of vault " + vault.getKey());
      if (!"https".equals(url.getScheme()) || url.getHost() == null) {
        throw new IllegalArgumentException(
            "vault " + vault.getKey() + " of provider " + name + " needs an https URL, not " + url);
      }
    }
    vaults = Map.copyOf(vaults);
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException(
          "maxRetries of provider " + name + " must be 0-10, not " + maxRetries);
    }
    if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException(
          "maxRetryAfter of provider " + name + " must be zero or more");
    }
  }

  /** Settings with the default retry behaviour. */
  public static KeyVaultSettings of(
      String name, ProtectionLevel protection, Map<String, URI> vaults) {
    return new KeyVaultSettings(
        name, protection, vaults, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER);
  }
}
