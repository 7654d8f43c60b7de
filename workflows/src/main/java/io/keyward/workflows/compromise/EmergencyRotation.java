package io.keyward.workflows.compromise;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyTags;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.policy.CryptoStandards;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The new version that replaces a compromised one (runbook 11.1 step 3): same algorithm, size or
 * curve, operations, validity and tags as the newest compromised version, at the same protection
 * level, enabled at once so that applications can switch to it. Like every version a provider
 * makes, its material is non-extractable: it never leaves the provider. The tags name the incident,
 * the version it replaces, the response that made it and who reported the compromise.
 */
public final class EmergencyRotation {
  public static final String INCIDENT_TAG = "Incident";
  public static final String REPLACES_TAG = "ReplacesCompromisedVersion";

  private EmergencyRotation() {}

  /** The newest version of {@code versions}, the one the new version is modelled on. */
  public static KeyVersionInfo newest(List<KeyVersionInfo> versions) {
    return versions.get(versions.size() - 1);
  }

  /**
   * @param response the workflow id of the response that rotates, recorded as the version's
   *     ceremony
   * @param requestedBy who reported the compromise, recorded as who asked for the version
   */
  public static CreateKeyCommand commandFor(
      KeyVersionInfo compromised,
      IncidentId incident,
      String response,
      String requestedBy,
      Instant now,
      String idempotencyKey) {
    KeyRef key = compromised.key();
    Map<String, String> tags = new HashMap<>(compromised.tags());
    tags.put(INCIDENT_TAG, incident.value());
    tags.put(REPLACES_TAG, compromised.version());
    tags.put(KeyTags.CEREMONY, response);
    tags.put(KeyTags.REQUESTED_BY, requestedBy);
    KeySpec spec =
        new KeySpec(
            compromised.type(),
            compromised.size(),
            compromised.curve(),
            compromised.operations(),
            null,
            tags);
    KeyAttributes attributes =
        new KeyAttributes(
            compromised.operations(), now, now.plus(validity(compromised)), true, tags);
    ProtectionLevel protection =
        compromised.protection() == null ? ProtectionLevel.ANY : compromised.protection();
    return new CreateKeyCommand(key, spec, protection, attributes, idempotencyKey);
  }

  private static Duration validity(KeyVersionInfo compromised) {
    if (compromised.notBefore() != null
        && compromised.expires() != null
        && compromised.expires().isAfter(compromised.notBefore())) {
      return Duration.between(compromised.notBefore(), compromised.expires());
    }
    return Duration.ofDays(CryptoStandards.DEFAULT_VALIDITY_DAYS);
  }
}
