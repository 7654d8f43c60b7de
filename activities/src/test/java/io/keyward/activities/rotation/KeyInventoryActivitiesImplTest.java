package io.keyward.activities.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.lifecycle.KeyExpiry;
import io.keyward.workflows.lifecycle.KeyInventory;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyInventoryActivitiesImplTest {
  @TempDir Path dir;

  private SoftwareKeyProvider software;
  private KeyInventoryActivitiesImpl inventory;
  private final Instant now = Instant.now();

  @BeforeEach
  void keys() {
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    software = new SoftwareKeyProvider(dir, MasterSecret.of(secret));
    inventory =
        new KeyInventoryActivitiesImpl(
            new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), true)));
  }

  @Test
  void findsKeysWhoseVersionInUseExpiresBeforeTheCutoff() {
    key("soon", now.plus(Duration.ofDays(20)), true, Map.of("KeyUsage", "API_KEY"));
    key("later", now.plus(Duration.ofDays(200)), true, Map.of());
    key("disabled", now.plus(Duration.ofDays(5)), false, Map.of());

    KeyInventory found = inventory.expiringBefore(now.plus(Duration.ofDays(37)));

    assertThat(found.keysSeen()).isEqualTo(3);
    assertThat(found.expiring())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.key()).isEqualTo(new KeyRef("kv-apps", "soon"));
              assertThat(k.usage()).isEqualTo("API_KEY");
              assertThat(k.classification()).isEqualTo("CONFIDENTIAL");
            });
  }

  @Test
  void judgesAKeyByItsNewestEnabledVersion() {
    key("rotated", now.plus(Duration.ofDays(10)), true, Map.of());
    key("rotated", now.plus(Duration.ofDays(375)), true, Map.of());

    assertThat(inventory.expiringBefore(now.plus(Duration.ofDays(37))).expiring()).isEmpty();
    assertThat(inventory.expiringBefore(now.plus(Duration.ofDays(400))).expiring())
        .extracting(KeyExpiry::expires)
        .singleElement()
        .satisfies(e -> assertThat(e).isAfter(now.plus(Duration.ofDays(370))));
  }

  private void key(String name, Instant expires, boolean enabled, Map<String, String> tags) {
    java.util.HashMap<String, String> all = new java.util.HashMap<>(tags);
    all.put("Classification", "CONFIDENTIAL");
    software.create(
        new CreateKeyCommand(
            new KeyRef("kv-apps", name),
            new KeySpec(
                KeyType.AES,
                256,
                null,
                Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
                null,
                null),
            ProtectionLevel.STANDARD_KEY_VAULT,
            new KeyAttributes(
                Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT), now, expires, enabled, all),
            "inventory/" + name + "/" + expires));
  }
}
