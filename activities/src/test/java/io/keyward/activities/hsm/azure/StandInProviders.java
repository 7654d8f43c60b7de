package io.keyward.activities.hsm.azure;

import com.azure.security.keyvault.keys.KeyClient;
import io.keyward.workflows.policy.ProtectionLevel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Key Vault providers wired to a {@link KeyVaultStandIn} with the real SDK client. */
public final class StandInProviders {
  private StandInProviders() {}

  public static AzureKeyVaultProvider provider(
      KeyVaultStandIn standIn, String name, ProtectionLevel protection, String vault) {
    return provider(
        standIn,
        name,
        protection,
        vault,
        KeyVaultSettings.DEFAULT_MAX_RETRIES,
        KeyVaultSettings.DEFAULT_MAX_RETRY_AFTER);
  }

  public static AzureKeyVaultProvider provider(
      KeyVaultStandIn standIn,
      String name,
      ProtectionLevel protection,
      String vault,
      int maxRetries,
      Duration maxRetryAfter) {
    KeyVaultSettings settings =
        new KeyVaultSettings(
            name, protection, Map.of(vault, standIn.url()), maxRetries, maxRetryAfter);
    Map<String, KeyClient> clients =
        KeyVaultClients.build(settings, standIn.credential(), standIn.httpClient(), false);
    return new AzureKeyVaultProvider(settings, clients, Clock.systemUTC());
  }
}
