package io.keyward.api.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.classification.ClassificationChangeRequest;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyViolationException;
import io.keyward.workflows.register.KeyOwner;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON body of {@code POST /api/keys/{vault}/{name}/classification}: the classification and
 * usage the key should have (runbook Appendix A), its owner (required for a key the register does
 * not hold), and why. No identity field: the requester is the authenticated person.
 */
@JsonIgnoreProperties({"actor", "requester"})
public record ClassificationBody(
    Classification classification, KeyUsage usage, OwnerBody owner, String justification) {
  public static final int MAX_JUSTIFICATION = 2000;

  /** The owner as the body names it. */
  public record OwnerBody(String application, String person) {}

  ClassificationChangeRequest toRequest(KeyRef key, Actor requester, Duration stepTimeout) {
    if (classification == null) {
      throw new IllegalArgumentException(
          "classification is required: one of " + Arrays.toString(Classification.values()));
    }
    if (usage == null) {
      throw new IllegalArgumentException(
          "usage is required: one of " + Arrays.toString(KeyUsage.values()));
    }
    usage
        .violationAt(classification)
        .ifPresent(
            violation -> {
              throw new PolicyViolationException(List.of(violation));
            });
    if (justification == null || justification.isBlank()) {
      throw new IllegalArgumentException(
          "justification is required: why the key is classified so (runbook Appendix A)");
    }
    if (justification.strip().length() > MAX_JUSTIFICATION) {
      throw new IllegalArgumentException(
          "justification must be at most " + MAX_JUSTIFICATION + " characters");
    }
    KeyOwner keyOwner = owner == null ? null : new KeyOwner(owner.application(), owner.person());
    return new ClassificationChangeRequest(
        key, classification, usage, keyOwner, justification.strip(), requester, stepTimeout);
  }
}
