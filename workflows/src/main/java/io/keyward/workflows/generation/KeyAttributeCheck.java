package io.keyward.workflows.generation;

import io.keyward.workflows.hsm.KeyTags;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.CryptoStandards;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares what the provider made with what was approved (runbook 3.3 step 4) and with the crypto
 * standards of the classification (step 5). Each finding is a sentence for the timeline.
 */
public final class KeyAttributeCheck {
  private KeyAttributeCheck() {}

  /** Differences between the generated version and the approved spec; empty when they agree. */
  public static List<String> mismatches(KeyVersionInfo made, GenerationRequest approved) {
    KeySpec spec = approved.spec();
    List<String> found = new ArrayList<>();
    if (made.type() != spec.type()) {
      found.add("type is " + made.type() + ", approved " + spec.type());
    }
    if (spec.type() == KeyType.EC) {
      if (made.curve() != spec.curve()) {
        found.add("curve is " + made.curve() + ", approved " + spec.curve());
      }
    } else if (made.size() == null || !made.size().equals(spec.size())) {
      found.add("size is " + made.size() + ", approved " + spec.size());
    }
    if (!made.operations().equals(spec.operations())) {
      found.add("operations are " + made.operations() + ", approved " + spec.operations());
    }
    String tagged = made.tags().get(KeyTags.CLASSIFICATION);
    if (!approved.classification().name().equals(tagged)) {
      found.add("Classification tag is " + tagged + ", approved " + approved.classification());
    }
    if (made.expires() == null) {
      found.add("no expiry date is set");
    }
    return List.copyOf(found);
  }

  /** Rules of the classification that the version breaks, as the security team checks them. */
  public static List<String> complianceFindings(KeyVersionInfo made, GenerationRequest approved) {
    List<String> found = new ArrayList<>(mismatches(made, approved));
    KeySpec asMade =
        new KeySpec(made.type(), made.size(), made.curve(), made.operations(), null, made.tags());
    CryptoStandards.violations(asMade, approved.classification()).stream()
        .map(PolicyViolation::toString)
        .forEach(found::add);
    if (!made.enabled()) {
      found.add("version " + made.version() + " is not enabled");
    }
    return List.copyOf(found);
  }
}
