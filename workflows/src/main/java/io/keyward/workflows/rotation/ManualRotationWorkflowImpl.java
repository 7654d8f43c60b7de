package io.keyward.workflows.rotation;

import static io.keyward.workflows.ceremony.WorkflowClock.now;

import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.ceremony.UpdateRefusals;
import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.register.KeyPolicy;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 6.3 as a workflow: T-30 checks and security review, approvals and execution at T, T+7
 * validation and monitoring review, then the old version's deactivation. Who may decide lives in
 * {@link ManualRotation}, what the rotation says in {@link RotationMessages}.
 */
public class ManualRotationWorkflowImpl implements ManualRotationWorkflow {

  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final RegisterSteps register = new RegisterSteps();
  private final RotationRequest request;
  private final ManualRotation rotation;
  private final RotationSignatures signatures;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final TicketWriteBack ticket;
  private final RotationProgress progress;
  private final RotationWaits waits;
  private final PreRotationCheckStep preRotationCheck;
  private final RotationExecutionStep execution;
  private final PostRotationValidation validation;

  /** Builds the state before any Update is delivered, so the first decision finds it. */
  @WorkflowInit
  public ManualRotationWorkflowImpl(RotationRequest request) {
    this.request = request;
    this.rotation = new ManualRotation(request);
    this.signatures = new RotationSignatures(rotation);
    this.record = new CeremonyRecord(rotation::record);
    this.notifier = new CeremonyNotifier(record);
    this.ticket = new TicketWriteBack(request.ticket(), request.ticketBinding());
    this.progress = new RotationProgress(rotation, record, ticket, signatures);
    this.waits = new RotationWaits(rotation, progress, notifier, request.stepTimeout());
    DependencyActivities dependencies =
        Workflow.newActivityStub(DependencyActivities.class, RotationActivityOptions.LOOKUPS);
    this.preRotationCheck =
        new PreRotationCheckStep(rotation, keys, dependencies, record, notifier);
    this.execution = new RotationExecutionStep(rotation, keys, record, notifier);
    this.validation = new PostRotationValidation(rotation, keys, record, notifier, progress, waits);
  }

  @Override
  public RotationOutcome run(RotationRequest request) {
    ManualRotation.requestRefusal(request)
        .ifPresent(
            refusal -> {
              throw ApplicationFailure.newNonRetryableFailure(refusal, "PolicyViolation");
            });
    KeyPolicy facts = register.policyOf(request.key(), null);
    rotation.facts(facts);
    signatures.choose();
    record.step(
        request.requester().id(),
        "REQUESTED",
        request.justification(),
        "ROTATION_REQUESTED",
        RotationMessages.requestDetails(rotation.snapshot()));
    record.timeline(null, "KEY_FACTS_READ", facts.describe());
    progress.publish();

    RotationOutcome outcome = rotationOutcome();
    notifier.awaitDelivered();
    Workflow.await(Workflow::isEveryHandlerFinished);
    ticket.awaitDelivered();
    return outcome;
  }

  private RotationOutcome rotationOutcome() {
    // T-30: the pre-rotation checks, then the security review until T (a recheck runs them again).
    if (!waits.until(rotation::preRotationAt, RotationPhase.SCHEDULED)) {
      return cancelled();
    }
    Optional<RotationOutcome> failed = preRotationChecks(true);
    while (failed.isEmpty()) {
      progress.enter(RotationPhase.AWAITING_SECURITY_REVIEW, rotation.rotationDate());
      boolean inTime =
          waits.before(
              rotation::rotationDate,
              () ->
                  rotation.reviewDecided() || rotation.recheckRequested() || rotation.cancelled());
      if (rotation.cancelled()) {
        return cancelled();
      }
      if (!inTime) {
        return progress.finish(
            RotationPhase.EXPIRED, RotationMessages.reviewOverdue(rotation.rotationDate()));
      }
      if (!rotation.recheckRequested()) {
        break;
      }
      failed = preRotationChecks(false);
    }
    if (failed.isPresent()) {
      return failed.get();
    }
    if (rotation.reviewRejected()) {
      return progress.finish(RotationPhase.REJECTED, "the security review rejected the rotation");
    }
    // T: the approvals the matrix requires, the order to execute, then T+7.
    return approvalAndExecutionOrder().orElseGet(this::executeAndValidate);
  }

  private Optional<RotationOutcome> preRotationChecks(boolean notifyStakeholders) {
    progress.enter(RotationPhase.PRE_ROTATION, null);
    Optional<String> failure = preRotationCheck.run(notifyStakeholders);
    if (failure.isPresent()) {
      return Optional.of(progress.finish(RotationPhase.FAILED, failure.get()));
    }
    progress.publish();
    return Optional.empty();
  }

  /** T, the approvals the matrix requires, and the order to execute; empty once ordered. */
  private Optional<RotationOutcome> approvalAndExecutionOrder() {
    while (true) {
      if (!waits.until(rotation::rotationDate, RotationPhase.WAITING_FOR_ROTATION_DATE)) {
        return Optional.of(cancelled());
      }
      int plan = rotation.plan();
      progress.enter(RotationPhase.AWAITING_APPROVAL, now().plus(request.stepTimeout()));
      notifier.send(
          RotationMessages.approvalNeeded(rotation.snapshot(), IdempotencyKeys.subject()));
      boolean decided = waits.step(() -> rotation.approved() || rotation.denier() != null, plan);
      if (rotation.cancelled()) {
        return Optional.of(cancelled());
      }
      if (rotation.plan() != plan) {
        continue;
      }
      if (!decided) {
        return Optional.of(
            progress.finish(
                RotationPhase.EXPIRED,
                "the approvals were not given in time at the rotation date"));
      }
      if (rotation.denier() != null) {
        return Optional.of(progress.finish(RotationPhase.DENIED, "denied by " + rotation.denier()));
      }
      progress.enter(RotationPhase.AWAITING_EXECUTION, now().plus(request.stepTimeout()));
      decided = waits.step(rotation::executionOrdered, plan);
      if (rotation.cancelled()) {
        return Optional.of(cancelled());
      }
      if (rotation.plan() != plan) {
        continue;
      }
      if (!decided) {
        return Optional.of(
            progress.finish(
                RotationPhase.EXPIRED, "nobody executed the approved rotation in time"));
      }
      return Optional.empty();
    }
  }

  private RotationOutcome executeAndValidate() {
    progress.enter(RotationPhase.ROTATING, null);
    Optional<String> failure = execution.run();
    if (failure.isPresent()) {
      return progress.finish(RotationPhase.FAILED, failure.get());
    }

    // T+7: connectivity validation, the monitoring review, then the old version goes.
    Instant postRotation = rotation.executedAt().plus(ManualRotation.POST_ROTATION_DELAY);
    progress.enter(RotationPhase.MONITORING, postRotation);
    Workflow.sleep(Duration.between(now(), postRotation));
    if (!validation.run()) {
      return rollBack();
    }
    progress.enter(RotationPhase.AWAITING_MONITORING_REVIEW, null);
    notifier.send(
        RotationMessages.monitoringReviewNeeded(rotation.snapshot(), IdempotencyKeys.subject()));
    waits.withReminders(rotation::monitoringConfirmed, "the security monitoring review");

    progress.enter(RotationPhase.DEACTIVATING, null);
    KeyVersionInfo disabled = keys.setEnabled(request.key(), rotation.oldVersion(), false);
    record.audit("OLD_VERSION_DEACTIVATED", null, AuditDetails.of(disabled).build());
    return progress.finish(
        RotationPhase.COMPLETED, RotationMessages.completed(rotation.snapshot()));
  }

  private RotationOutcome rollBack() {
    progress.enter(RotationPhase.DEACTIVATING, null);
    KeyVersionInfo disabled = keys.setEnabled(request.key(), rotation.newVersion(), false);
    keys.setEnabled(request.key(), rotation.oldVersion(), true);
    record.audit("NEW_VERSION_ROLLED_BACK", null, AuditDetails.of(disabled).build());
    return progress.finish(
        RotationPhase.ROLLED_BACK, RotationMessages.rolledBack(rotation.snapshot()));
  }

  private RotationOutcome cancelled() {
    Workflow.await(Workflow::isEveryHandlerFinished);
    return progress.finish(
        RotationPhase.CANCELLED, RotationMessages.cancelled(rotation.cancellation()));
  }

  @Override
  public RotationState decide(RotationDecision decision) {
    String step = signatures.step(decision);
    // The store is read in between: the step may have moved on meanwhile.
    signatures.confirmOrRefuse(decision, step, () -> rotation.refusalFor(decision));
    rotation.apply(decision, now());
    Map<String, String> details =
        new HashMap<>(RotationMessages.decisionDetails(decision, rotation.phase()));
    details.putAll(signatures.auditDetails(step, decision.assertion()));
    record.audit("ROTATION_DECISION_" + decision.type().name(), decision.actor().id(), details);
    if (decision.type() == RotationDecisionType.CONFIRM_BACKUP) {
      progress.publish(); // the backup confirmers no longer wait
    }
    return rotation.snapshot();
  }

  @Override
  public void validateDecide(RotationDecision decision) {
    Optional<String> refusal = rotation.refusalFor(decision);
    if (refusal.isEmpty()) {
      refusal = signatures.refusalFor(decision);
    }
    UpdateRefusals.refuseIfPresent(refusal);
  }

  @Override
  public RotationState reschedule(Reschedule reschedule) {
    Instant previous = rotation.rotationDate();
    rotation.apply(reschedule, now());
    record.audit(
        "ROTATION_RESCHEDULED",
        reschedule.actor().id(),
        RotationMessages.rescheduleDetails(previous, reschedule));
    progress.publish();
    return rotation.snapshot();
  }

  @Override
  public void validateReschedule(Reschedule reschedule) {
    UpdateRefusals.refuseIfPresent(rotation.refusalFor(reschedule, now()));
  }

  @Override
  public RotationState cancel(Cancellation cancellation) {
    rotation.apply(cancellation, now());
    record.audit(
        "ROTATION_CANCEL_REQUESTED",
        cancellation.actor().id(),
        RotationMessages.cancelDetails(cancellation, rotation.phase()));
    return rotation.snapshot();
  }

  @Override
  public void validateCancel(Cancellation cancellation) {
    UpdateRefusals.refuseIfPresent(rotation.refusalFor(cancellation));
  }

  @Override
  public RotationState state() {
    return rotation.snapshot();
  }
}
