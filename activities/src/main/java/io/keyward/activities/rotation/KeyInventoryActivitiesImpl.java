package io.keyward.activities.rotation;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.lifecycle.KeyExpiry;
import io.keyward.workflows.lifecycle.KeyInventory;
import io.keyward.workflows.lifecycle.KeyInventoryActivities;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.rotation.NextVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the inventory through the key activities of the configured providers: every key, its
 * version in use (the newest enabled one) and that version's expiry and tags. One activity for the
 * whole inventory keeps the reconciliation's history to a few events.
 */
public final class KeyInventoryActivitiesImpl implements KeyInventoryActivities {
  private final KeyProviderActivities keys;

  public KeyInventoryActivitiesImpl(KeyProviderActivities keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public KeyInventory expiringBefore(Instant cutoff) {
    if (cutoff == null) {
      throw new IllegalArgumentException("a cutoff time is required");
    }
    List<KeyRef> all = keys.listKeys();
    List<KeyExpiry> expiring = new ArrayList<>();
    for (KeyRef key : all) {
      Optional<KeyVersionInfo> current = NextVersion.current(keys.listVersions(key));
      current
          .filter(v -> v.expires() == null || v.expires().isBefore(cutoff))
          .ifPresent(
              v ->
                  expiring.add(
                      new KeyExpiry(
                          key,
                          v.version(),
                          v.expires(),
                          v.tags().get("Classification"),
                          v.tags().get(KeyUsage.TAG))));
    }
    return new KeyInventory(all.size(), expiring);
  }
}
