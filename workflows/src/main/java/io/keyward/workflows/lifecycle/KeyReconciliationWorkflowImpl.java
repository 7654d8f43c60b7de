package io.keyward.workflows.lifecycle;

import io.keyward.workflows.common.CeremonyAudit;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.rotation.RotationActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runbook 6.2's weekly orchestrator as a workflow: reads the inventory once, then starts a
 * lifecycle for each key near expiry; keys that have one already keep it. A key's usage and
 * classification come from its tags, else the defaults of the rotation matrix (an application key,
 * P1Y) with the classification the runbook gives that usage.
 */
public class KeyReconciliationWorkflowImpl implements KeyReconciliationWorkflow {
  private final KeyInventoryActivities inventory =
      Workflow.newActivityStub(KeyInventoryActivities.class, RotationActivityOptions.LOOKUPS);
  private final CeremonyAudit audit = new CeremonyAudit();

  @Override
  public ReconciliationReport run(ReconciliationRequest request) {
    Instant cutoff = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(request.lookahead());
    KeyInventory found = inventory.expiringBefore(cutoff);
    List<LifecycleInput> inputs = new ArrayList<>();
    for (KeyExpiry key : found.expiring()) {
      inputs.add(inputFor(key, request.requestedBy()));
    }
    List<String> enrolled = new Lifecycles().startMissing(inputs);
    ReconciliationReport report =
        new ReconciliationReport(
            found.keysSeen(), inputs.size(), enrolled, inputs.size() - enrolled.size());
    Map<String, String> details = new HashMap<>();
    details.put("keysSeen", Integer.toString(report.keysSeen()));
    details.put("nearExpiry", Integer.toString(report.nearExpiry()));
    details.put("enrolled", String.join(", ", enrolled));
    details.put("alreadyManaged", Integer.toString(report.alreadyManaged()));
    details.put("cutoff", cutoff.toString());
    audit.append("RECONCILIATION_COMPLETED", request.requestedBy(), details);
    return report;
  }

  private static LifecycleInput inputFor(KeyExpiry key, String requestedBy) {
    KeyRef ref = key.key();
    KeyUsage usage = KeyUsage.fromTag(key.usage(), RotationMatrix.DEFAULT_USAGE);
    Classification classification = RotationMatrix.ruleFor(usage).typicalClassification();
    if (key.classification() != null) {
      for (Classification c : Classification.values()) {
        if (c.name().equalsIgnoreCase(key.classification().strip())) {
          classification = c;
        }
      }
    }
    return LifecycleInput.enrol(
        ref,
        usage,
        classification,
        "reconciliation" + (requestedBy == null ? "" : " (" + requestedBy + ")"));
  }
}
