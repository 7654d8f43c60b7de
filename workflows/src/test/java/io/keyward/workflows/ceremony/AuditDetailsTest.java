package io.keyward.workflows.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Audit details hold public facts, as text, and leave out what is absent. */
class AuditDetailsTest {
  private static final KeyRef KEY = new KeyRef("payments-kv", "card-key");

  @Test
  void leavesOutAbsentValuesInsteadOfWritingNull() {
    Map<String, String> details =
        AuditDetails.create().with("reason", null).with("phase", "DENIED").build();

    assertThat(details).containsExactly(Map.entry("phase", "DENIED"));
  }

  @Test
  void writesValuesAsTheirText() {
    Map<String, String> details =
        AuditDetails.create()
            .with("passed", true)
            .with("dependents", 3)
            .with("key", KEY)
            .with("at", Instant.parse("2027-01-01T00:00:00Z"))
            .build();

    assertThat(details)
        .containsOnly(
            Map.entry("passed", "true"),
            Map.entry("dependents", "3"),
            Map.entry("key", KEY.toString()),
            Map.entry("at", "2027-01-01T00:00:00Z"));
  }

  @Test
  void aVersionGivesItsPublicFactsOnly() {
    KeyVersionInfo version =
        new KeyVersionInfo(
            KEY,
            "v2",
            KeyType.RSA,
            3072,
            null,
            Set.of(KeyOperation.values()[0]),
            true,
            Instant.parse("2027-01-01T00:00:00Z"),
            null,
            Instant.parse("2028-01-01T00:00:00Z"),
            Map.of("secretish", "tag"),
            "software",
            ProtectionLevel.values()[0],
            "ab12");

    Map<String, String> details = AuditDetails.of(version).with("replaces", "v1").build();

    assertThat(details)
        .containsOnly(
            Map.entry("key", KEY.toString()),
            Map.entry("version", "v2"),
            Map.entry("provider", "software"),
            Map.entry("enabled", "true"),
            Map.entry("expires", "2028-01-01T00:00:00Z"),
            Map.entry("publicKeySha256", "ab12"),
            Map.entry("replaces", "v1"));
  }

  @Test
  void theBuiltDetailsCannotBeChangedAfterwards() {
    Map<String, String> details = AuditDetails.create().with("a", "b").build();

    assertThatThrownBy(() -> details.put("c", "d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
