package io.keyward.bench;

import com.azure.security.keyvault.keys.KeyClient;
import io.keyward.activities.hsm.azure.AzureKeyVaultProvider;
import io.keyward.activities.hsm.azure.KeyVaultClients;
import io.keyward.activities.hsm.azure.KeyVaultSettings;
import io.keyward.activities.hsm.azure.KeyVaultStandIn;
import io.keyward.activities.hsm.azure.StandInVaultKind;
import io.keyward.workflows.policy.ProtectionLevel;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Premium vaults, each a {@link KeyVaultStandIn} of its own (so each holds its own creation limit),
 * and Key Vault providers over all of them through the real SDK client.
 */
final class StandInFleet implements AutoCloseable {
  static final String PROVIDER = "premium-vaults";

  private final Map<String, KeyVaultStandIn> vaults = new LinkedHashMap<>();

  StandInFleet(String tag, int count) {
    for (int i = 0; i < count; i++) {
      vaults.put("kv-" + tag + "-" + i, KeyVaultStandIn.start(StandInVaultKind.PREMIUM));
    }
  }

  List<String> names() {
    return List.copyOf(vaults.keySet());
  }

  Map<String, KeyVaultStandIn> standIns() {
    return vaults;
  }

  /** Holds creations to each vault's limit, or lets them all through (to fill the vaults). */
  void enforceCreateLimit(boolean enforced) {
    vaults.values().forEach(v -> v.enforceCreateLimit(enforced));
  }

  /** A provider with clients of its own over every vault, as one worker process has. */
  AzureKeyVaultProvider provider() {
    Map<String, URI> urls = new HashMap<>();
    Map<String, KeyClient> clients = new HashMap<>();
    vaults.forEach(
        (name, standIn) -> {
          urls.put(name, standIn.url());
          KeyVaultSettings one = settings(Map.of(name, standIn.url()));
          clients.putAll(
              KeyVaultClients.build(one, standIn.credential(), standIn.httpClient(), false));
        });
    return new AzureKeyVaultProvider(settings(urls), clients, Clock.systemUTC());
  }

  private static KeyVaultSettings settings(Map<String, URI> urls) {
    return new KeyVaultSettings(
        PROVIDER,
        ProtectionLevel.PREMIUM_KEY_VAULT_HSM,
        urls,
        KeyVaultSettings.DEFAULT_MAX_RETRIES,
        KeyVaultSettings.DEFAULT_MAX_RETRY_AFTER);
  }

  /** Every request each vault answered, in the order received. */
  List<VaultRequest> requests() {
    List<VaultRequest> all = new ArrayList<>();
    vaults.forEach(
        (name, standIn) -> standIn.requests().forEach(r -> all.add(new VaultRequest(name, r))));
    return all;
  }

  record VaultRequest(String vault, KeyVaultStandIn.Request request) {
    boolean isCreate() {
      return request.method().equals("POST") && request.path().endsWith("/create");
    }
  }

  @Override
  public void close() {
    vaults.values().forEach(KeyVaultStandIn::close);
  }
}
