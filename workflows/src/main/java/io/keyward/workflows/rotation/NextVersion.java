package io.keyward.workflows.rotation;

import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyTags;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.policy.RotationMatrix;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The new version a rotation creates: the same algorithm, size or curve and operations as the
 * current version, enabled, valid from now for the usage's rotation interval (runbook 6.1), with
 * the current version's tags plus where it came from. Plain code, for workflow code.
 */
public final class NextVersion {
  /** The workflow that rotated the key into this version. */
  public static final String ROTATED_BY = "KeywardRotation";

  /** The version this one replaced. */
  public static final String ROTATED_FROM = "RotatedFrom";

  private NextVersion() {}

  /**
   * The create command; {@code idempotencyKey} must be stable across retries and replays (workflow
   * id, run id and step), so a retried create finds the version it already made.
   */
  public static CreateKeyCommand command(
      KeyVersionInfo current,
      KeyUsage usage,
      Classification classification,
      Instant now,
      String workflowId,
      String idempotencyKey) {
    KeySpec spec =
        new KeySpec(
            current.type(), current.size(), current.curve(), current.operations(), null, null);
    Map<String, String> tags = new HashMap<>(current.tags());
    tags.put(KeyUsage.TAG, usage.name());
    tags.put(KeyTags.CLASSIFICATION, classification.name());
    tags.put(KeyTags.CEREMONY, workflowId);
    tags.put(ROTATED_BY, workflowId);
    tags.put(ROTATED_FROM, current.version());
    Instant expires =
        now.atOffset(ZoneOffset.UTC).plus(RotationMatrix.ruleFor(usage).interval()).toInstant();
    // No not-before: the version is usable at once, whatever the skew between the workflow's clock
    // and the provider's.
    KeyAttributes attributes = new KeyAttributes(current.operations(), null, expires, true, tags);
    ProtectionLevel protection =
        current.protection() != null
            ? current.protection()
            : PolicyMatrix.policyFor(classification).protection();
    return new CreateKeyCommand(current.key(), spec, protection, attributes, idempotencyKey);
  }

  /**
   * The version in use: the newest enabled version by creation time (the provider's order breaks
   * ties); empty when no version is enabled.
   */
  public static Optional<KeyVersionInfo> current(List<KeyVersionInfo> versions) {
    KeyVersionInfo newest = null;
    for (KeyVersionInfo version : versions) {
      if (!version.enabled()) {
        continue;
      }
      if (newest == null
          || version.created() == null
          || newest.created() == null
          || !version.created().isBefore(newest.created())) {
        newest = version;
      }
    }
    return Optional.ofNullable(newest);
  }

  /** When {@code version} expires: its expiry, else a year after creation (runbook 6.2 P1Y). */
  public static Instant expiryOf(KeyVersionInfo version, Instant fallbackStart) {
    if (version.expires() != null) {
      return version.expires();
    }
    Instant start = version.created() != null ? version.created() : fallbackStart;
    return start.atOffset(ZoneOffset.UTC).plus(RotationMatrix.DEFAULT_EXPIRY).toInstant();
  }
}
