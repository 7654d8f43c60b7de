package io.keyward.workflows.lifecycle;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a key's lifecycle carries from one cycle to the next through continue-as-new: which
 * key, its usage and classification as last read (each cycle reads them again from the key
 * register, which decides the rotation rule and mode; the usage here counts only for a key the
 * register does not hold, which counts as ULTRA), who enrolled it and when, which cycle this is,
 * and the latest rotations.
 */
public record LifecycleInput(
    KeyRef key,
    KeyUsage usage,
    Classification classification,
    String enrolledBy,
    Instant enrolledAt,
    int cycle,
    List<RotationRecord> rotations) {

  /** How many past rotations a lifecycle remembers; older ones are in the audit trail. */
  public static final int REMEMBERED_ROTATIONS = 10;

  public LifecycleInput {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(classification, "classification");
    rotations = rotations == null ? List.of() : List.copyOf(rotations);
  }

  /** The first cycle of a newly enrolled key; {@code enrolledAt} is set by the workflow. */
  public static LifecycleInput enrol(
      KeyRef key, KeyUsage usage, Classification classification, String enrolledBy) {
    return new LifecycleInput(key, usage, classification, enrolledBy, null, 0, List.of());
  }

  /** {@code lifecycle/<vault>/<key>}: one lifecycle per key. */
  public static String workflowId(KeyRef key) {
    return "lifecycle/" + key.vault() + "/" + key.name();
  }

  /**
   * The input of the next cycle, with the usage and classification this cycle read from the key
   * register, remembering {@code rotation} when one was made.
   */
  public LifecycleInput next(
      Instant enrolled, RotationRecord rotation, KeyUsage usage, Classification classification) {
    List<RotationRecord> kept = new ArrayList<>(rotations);
    if (rotation != null) {
      kept.add(rotation);
    }
    while (kept.size() > REMEMBERED_ROTATIONS) {
      kept.remove(0);
    }
    return new LifecycleInput(key, usage, classification, enrolledBy, enrolled, cycle + 1, kept);
  }
}
