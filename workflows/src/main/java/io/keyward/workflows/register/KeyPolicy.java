package io.keyward.workflows.register;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.RotationMatrix;
import java.util.Optional;

/**
 * The facts a rule reads for one key, from the key register and nowhere else. A key the register
 * does not hold (Keyward did not make it, or no classification ceremony set its facts) counts as
 * ULTRA, whatever anyone says of it; its usage is the one the caller knows of ({@code
 * usageWhenUnregistered}, e.g. an enrolment's), else the matrix's default.
 *
 * @param owner the registered owner; null for a key the register does not hold
 * @param changedBy the ceremony that last set the classification; null when unregistered
 */
public record KeyPolicy(
    KeyRef key,
    Classification classification,
    KeyUsage usage,
    KeyOwner owner,
    boolean registered,
    String changedBy) {

  public static KeyPolicy of(
      KeyRef key, Optional<RegisteredKey> entry, KeyUsage usageWhenUnregistered) {
    if (entry.isPresent()) {
      RegisteredKey e = entry.get();
      return new KeyPolicy(
          key,
          e.classification(),
          e.usage(),
          e.owner(),
          true,
          e.changedBy().get(KeyFact.CLASSIFICATION));
    }
    return new KeyPolicy(
        key,
        Classification.ULTRA,
        usageWhenUnregistered != null ? usageWhenUnregistered : RotationMatrix.DEFAULT_USAGE,
        null,
        false,
        null);
  }

  /** True when {@code person} is the key's registered accountable owner. */
  public boolean ownedBy(String person) {
    return owner != null && owner.person().equals(person);
  }

  /** Where the facts come from, for a timeline or an audit record. */
  public String describe() {
    return registered
        ? classification
            + " "
            + usage.label()
            + " owned by "
            + owner.describe()
            + " (key register"
            + (changedBy == null ? "" : ", classification set by " + changedBy)
            + ")"
        : "not in the key register: counts as ULTRA until a classification ceremony sets its facts";
  }
}
