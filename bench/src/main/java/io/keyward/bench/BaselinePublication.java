package io.keyward.bench;

import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.WaitingStep;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The baseline's publications: the same search attributes and memo as a ceremony's, through
 * Keyward's own {@link CeremonyVisibility}, with placeholder values of the same sizes. Workflow
 * code only.
 */
final class BaselinePublication {
  private BaselinePublication() {}

  static void publish(String kind, String phase, int step) {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    CeremonyVisibility.publish(
        "baseline " + kind + " at step " + step + ", waiting for the next person to decide it",
        List.of(
            SearchAttributeUpdate.valueSet(KeywardSearchAttributes.KIND, kind),
            SearchAttributeUpdate.valueSet(KeywardSearchAttributes.PHASE, phase),
            SearchAttributeUpdate.valueSet(
                KeywardSearchAttributes.KEY_NAME, Workflow.getInfo().getWorkflowId()),
            SearchAttributeUpdate.valueSet(KeywardSearchAttributes.CLASSIFICATION, "SECRET"),
            CeremonyVisibility.awaiting(Set.of(Role.CRYPTO_OFFICER, Role.SECURITY_TEAM_LEAD))),
        new WaitingStep("alice", List.of("olivia"), now, now.plus(Duration.ofDays(1))));
  }
}
