package io.keyward.activities.hsm.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the SDK clients of a {@link KeyVaultSettings}: one {@link KeyClient} per vault, with the
 * bounded retries of {@link ThrottleRetryStrategy} and no HTTP body logging.
 *
 * <p>Production uses {@link #withDefaultCredential}: {@code DefaultAzureCredential} finds the
 * identity in the environment (a managed identity on Azure; {@code AZURE_CLIENT_ID}, {@code
 * AZURE_TENANT_ID} and a federated token or certificate elsewhere), and the SDK's default HTTP
 * client. Key Vault's challenge names the tenant and resource; the SDK checks that the resource
 * matches the vault's domain, which {@link #build} can turn off only for a test stand-in.
 */
public final class KeyVaultClients {
  private KeyVaultClients() {}

  /** Clients authenticated by {@code DefaultAzureCredential}, for real vaults. */
  public static Map<String, KeyClient> withDefaultCredential(
      KeyVaultSettings settings, String managedIdentityClientId) {
    DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder();
    if (managedIdentityClientId != null && !managedIdentityClientId.isBlank()) {
      credential.managedIdentityClientId(managedIdentityClientId);
    }
    return build(settings, credential.build(), null, true);
  }

  /**
   * @param httpClient the HTTP client, or null for the SDK's default
   * @param verifyChallengeResource false only against a stand-in on a host that is not a vault
   *     domain; a real vault must be verified
   */
  public static Map<String, KeyClient> build(
      KeyVaultSettings settings,
      TokenCredential credential,
      HttpClient httpClient,
      boolean verifyChallengeResource) {
    Map<String, KeyClient> clients = new TreeMap<>();
    for (Map.Entry<String, URI> vault : settings.vaults().entrySet()) {
      KeyClientBuilder builder =
          new KeyClientBuilder()
              .vaultUrl(vault.getValue().toString())
              .credential(credential)
              .retryPolicy(
                  new RetryPolicy(
                      new ThrottleRetryStrategy(settings.maxRetries(), settings.maxRetryAfter())));
      if (httpClient != null) {
        builder.httpClient(httpClient);
      }
      if (!verifyChallengeResource) {
        builder.disableChallengeResourceVerification();
      }
      clients.put(vault.getKey(), builder.buildClient());
    }
    return Map.copyOf(clients);
  }
}
