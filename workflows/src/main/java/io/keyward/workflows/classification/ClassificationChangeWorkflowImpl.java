package io.keyward.workflows.classification;

import static io.keyward.workflows.common.KeywardSearchAttributes.AWAITING_ROLES;
import static io.keyward.workflows.common.KeywardSearchAttributes.CLASSIFICATION;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.ceremony.UpdateRefusals;
import io.keyward.workflows.common.CeremonyAudit;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.SignedDecisions;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Setting a key's policy facts in the key register under dual control; the rules live in {@link
 * ClassificationChange}.
 */
public class ClassificationChangeWorkflowImpl implements ClassificationChangeWorkflow {
  /** The value of {@code KeywardKind} for classification changes. */
  public static final String KIND_NAME = "ClassificationChange";

  /**
   * The change id under which the decisions of a change the ULTRA quorum decides carry the
   * approver's assertion (VERSIONS.md).
   */
  static final String SIGNED_DECISIONS = "ultra-classification-decisions-signed-by-authenticator";

  private final CeremonyAudit audit = new CeremonyAudit();
  private final RegisterSteps register = new RegisterSteps();
  private final ClassificationChangeRequest request;
  private final ClassificationChange change;
  private final SignedDecisions signed =
      new SignedDecisions(SIGNED_DECISIONS, "a decision on an ULTRA classification change");

  /** Builds the state before any Update is delivered. */
  @WorkflowInit
  public ClassificationChangeWorkflowImpl(ClassificationChangeRequest request) {
    this.request = request;
    this.change = new ClassificationChange(request);
  }

  @Override
  public ClassificationChangeOutcome run(ClassificationChangeRequest request) {
    change.before(register.find(request.key()));
    publish();
    String refusal = change.requestRefusal().orElse(null);
    if (refusal != null) {
      finish(ClassificationPhase.REFUSED, refusal);
      throw ApplicationFailure.newNonRetryableFailure(refusal, "PolicyViolation");
    }
    audit.append("CLASSIFICATION_CHANGE_REQUESTED", request.requester().id(), requestDetails());
    change.record(now(), request.requester().id(), "REQUESTED", request.justification());

    signed.choose(ultra());
    signed.load();
    change.moveTo(ClassificationPhase.AWAITING_APPROVAL, now().plus(request.stepTimeout()));
    publish();
    boolean decided =
        Workflow.await(request.stepTimeout(), () -> change.quorumReached() || change.denied());
    ClassificationChangeOutcome outcome;
    if (!decided) {
      outcome = finish(ClassificationPhase.EXPIRED, "the quorum was not reached in time");
    } else if (change.denied()) {
      outcome = finish(ClassificationPhase.DENIED, "denied by " + change.denier());
    } else {
      register.apply(
          change.update(RegisterSteps.changeId("facts"), RegisterSteps.ceremony(), now()));
      outcome = finish(ClassificationPhase.RECORDED, "the key register holds " + change.describe());
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return outcome;
  }

  @Override
  public ClassificationChangeState decide(ClassificationDecision decision) {
    String step = step(decision);
    // The store is read in between: the change may have been decided meanwhile.
    signed.confirmOrRefuse(
        ultra(),
        decision.actor().id(),
        step,
        decision.reason(),
        decision.assertion(),
        () -> change.refusalFor(decision));
    change.apply(decision, now());
    Map<String, String> details = new HashMap<>();
    details.put("decision", decision.type().name());
    if (decision.reason() != null) {
      details.put("reason", decision.reason());
    }
    details.putAll(signed.auditDetails(step, decision.assertion()));
    audit.append(
        "CLASSIFICATION_DECISION_" + decision.type().name(), decision.actor().id(), details);
    return change.snapshot();
  }

  @Override
  public void validateDecide(ClassificationDecision decision) {
    Optional<String> refusal = change.refusalFor(decision);
    if (refusal.isEmpty()) {
      refusal =
          signed.refusalFor(
              ultra(),
              decision.actor().id(),
              step(decision),
              decision.reason(),
              decision.assertion());
    }
    UpdateRefusals.refuseIfPresent(refusal);
  }

  /** A change the ULTRA quorum decides: the key's old or new classification is ULTRA. */
  private boolean ultra() {
    return change.policy() != null && change.policy().classification() == Classification.ULTRA;
  }

  /** The step a decision answers, as its challenge names it. */
  private String step(ClassificationDecision decision) {
    return DecisionChallenge.step(decision.type().name(), change.phase().name());
  }

  @Override
  public ClassificationChangeState state() {
    return change.snapshot();
  }

  private ClassificationChangeOutcome finish(ClassificationPhase last, String reason) {
    change.finish(last, reason);
    publish();
    change.record(now(), "keyward", last.name(), reason);
    audit.append("CLASSIFICATION_CHANGE_" + last.name(), null, Map.of("reason", reason));
    return new ClassificationChangeOutcome(last, reason);
  }

  private void publish() {
    List<String> roles = change.awaitingRoles().stream().map(Role::name).sorted().toList();
    Workflow.upsertTypedSearchAttributes(
        SearchAttributeUpdate.valueSet(KIND, KIND_NAME),
        SearchAttributeUpdate.valueSet(PHASE, change.phase().name()),
        SearchAttributeUpdate.valueSet(KEY_NAME, request.key().toString()),
        SearchAttributeUpdate.valueSet(CLASSIFICATION, change.policy().classification().name()),
        roles.isEmpty()
            ? SearchAttributeUpdate.valueUnset(AWAITING_ROLES)
            : SearchAttributeUpdate.valueSet(AWAITING_ROLES, roles));
    Workflow.upsertMemo(
        Map.of(
            "summary",
            "classification of "
                + request.key()
                + ": "
                + change.describe()
                + ", requested by "
                + request.requester().id()
                + ": "
                + change.phase()));
  }

  private Map<String, String> requestDetails() {
    Map<String, String> details = new HashMap<>();
    details.put("key", request.key().toString());
    details.put("change", change.describe());
    details.put("quorum", change.policy().classification() + " " + change.policy().quorumText());
    if (request.owner() != null) {
      details.put("owner", request.owner().describe());
    }
    return details;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
