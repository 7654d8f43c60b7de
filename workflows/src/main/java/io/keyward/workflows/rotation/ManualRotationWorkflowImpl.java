package io.keyward.workflows.rotation;

import static io.keyward.workflows.ceremony.WorkflowClock.now;
import static io.keyward.workflows.common.KeywardSearchAttributes.AWAITING_ROLES;
import static io.keyward.workflows.common.KeywardSearchAttributes.CLASSIFICATION;
import static io.keyward.workflows.common.KeywardSearchAttributes.DUE_AT;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;
import static io.keyward.workflows.common.KeywardSearchAttributes.TICKET;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.RotationRoles;
import io.keyward.workflows.register.KeyPolicy;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Runbook 6.3 as a workflow; the rules of who may decide what live in {@link ManualRotation}. */
public class ManualRotationWorkflowImpl implements ManualRotationWorkflow {
  /** The value of {@code KeywardKind} for manual rotations. */
  public static final String KIND_NAME = "ManualRotation";

  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final DependencyActivities dependencies =
      Workflow.newActivityStub(DependencyActivities.class, RotationActivityOptions.LOOKUPS);
  private final RegisterSteps register = new RegisterSteps();
  private final RotationRequest request;
  private final ManualRotation rotation;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final TicketWriteBack ticket;
  private RotationPhase enteredPhase;
  private Instant enteredDeadline;

  /** Builds the state before any Update is delivered, so the first decision finds it. */
  @WorkflowInit
  public ManualRotationWorkflowImpl(RotationRequest request) {
    this.request = request;
    this.rotation = new ManualRotation(request);
    this.record = new CeremonyRecord(rotation::record);
    this.notifier = new CeremonyNotifier(record);
    this.ticket = new TicketWriteBack(request.ticket(), request.ticketBinding());
  }

  @Override
  public RotationOutcome run(RotationRequest request) {
    refuseOutOfPolicy(request);
    KeyPolicy facts = register.policyOf(request.key(), null);
    rotation.facts(facts);
    record.step(
        request.requester().id(),
        "REQUESTED",
        request.justification(),
        "ROTATION_REQUESTED",
        requestDetails(facts));
    record.timeline(null, "KEY_FACTS_READ", facts.describe());
    publishPhase();

    RotationOutcome outcome = rotationOutcome();
    notifier.awaitDelivered();
    Workflow.await(Workflow::isEveryHandlerFinished);
    ticket.awaitDelivered();
    return outcome;
  }

  private RotationOutcome rotationOutcome() {
    if (!waitUntil(rotation::preRotationAt, RotationPhase.SCHEDULED)) {
      return cancelled();
    }
    enter(RotationPhase.PRE_ROTATION, null);
    Optional<RotationOutcome> failed = preRotationChecks(true);
    if (failed.isPresent()) {
      return failed.get();
    }
    while (true) {
      enter(RotationPhase.AWAITING_SECURITY_REVIEW, rotation.rotationDate());
      boolean inTime =
          awaitBefore(
              rotation::rotationDate,
              () ->
                  rotation.reviewDecided() || rotation.recheckRequested() || rotation.cancelled());
      if (rotation.cancelled()) {
        return cancelled();
      }
      if (!inTime) {
        return finish(
            RotationPhase.EXPIRED,
            "the security review was not completed by the rotation date "
                + rotation.rotationDate());
      }
      if (rotation.recheckRequested()) {
        enter(RotationPhase.PRE_ROTATION, null);
        failed = preRotationChecks(false);
        if (failed.isPresent()) {
          return failed.get();
        }
        continue;
      }
      break;
    }
    if (rotation.reviewRejected()) {
      return finish(RotationPhase.REJECTED, "the security review rejected the rotation");
    }
    Optional<RotationOutcome> notExecuted = approvalAndExecutionOrder();
    if (notExecuted.isPresent()) {
      return notExecuted.get();
    }
    return executeAndValidate();
  }

  /** T, the approvals the matrix requires, and the order to execute; empty once ordered. */
  private Optional<RotationOutcome> approvalAndExecutionOrder() {
    while (true) {
      if (!waitUntil(rotation::rotationDate, RotationPhase.WAITING_FOR_ROTATION_DATE)) {
        return Optional.of(cancelled());
      }
      int plan = rotation.plan();
      enter(RotationPhase.AWAITING_APPROVAL, now().plus(request.stepTimeout()));
      tellAwaiting(
          "Key rotation needs approval",
          "approve or deny the rotation due now",
          NoticeAction.decisionOn(rotation.classification()));
      boolean decided =
          Workflow.await(
              request.stepTimeout(),
              () ->
                  rotation.approved()
                      || rotation.denier() != null
                      || rotation.cancelled()
                      || rotation.plan() != plan);
      if (rotation.cancelled()) {
        return Optional.of(cancelled());
      }
      if (rotation.plan() != plan) {
        continue;
      }
      if (!decided) {
        return Optional.of(
            finish(
                RotationPhase.EXPIRED,
                "the approvals were not given in time at the rotation date"));
      }
      if (rotation.denier() != null) {
        return Optional.of(finish(RotationPhase.DENIED, "denied by " + rotation.denier()));
      }
      enter(RotationPhase.AWAITING_EXECUTION, now().plus(request.stepTimeout()));
      decided =
          Workflow.await(
              request.stepTimeout(),
              () -> rotation.executionOrdered() || rotation.cancelled() || rotation.plan() != plan);
      if (rotation.cancelled()) {
        return Optional.of(cancelled());
      }
      if (rotation.plan() != plan) {
        continue;
      }
      if (!decided) {
        return Optional.of(
            finish(RotationPhase.EXPIRED, "nobody executed the approved rotation in time"));
      }
      return Optional.empty();
    }
  }

  private RotationOutcome executeAndValidate() {
    enter(RotationPhase.ROTATING, null);
    Optional<KeyVersionInfo> current = currentVersion();
    if (current.isEmpty()) {
      return finish(RotationPhase.FAILED, "the key has no enabled version to rotate from");
    }
    KeyVersionInfo old = current.get();
    Instant executedAt = now();
    KeyVersionInfo made;
    try {
      made =
          keys.create(
              NextVersion.command(
                  old,
                  rotation.rule().usage(),
                  rotation.classification(),
                  executedAt,
                  Workflow.getInfo().getWorkflowId(),
                  IdempotencyKeys.forStep("rotate")));
    } catch (ActivityFailure failure) {
      return finish(
          RotationPhase.FAILED,
          "creating the new version failed: " + ActivityFailures.describe(failure));
    }
    rotation.executed(old.version(), made.version(), executedAt);
    record.audit(
        "KEY_ROTATED",
        rotation.executor(),
        AuditDetails.of(made)
            .with("oldVersion", old.version())
            .with("executor", rotation.executor())
            .build());
    register.apply(
        RegisterUpdate.version(
            request.key(),
            RegisterSteps.changeId("rotated"),
            RegisterSteps.ceremony(),
            rotation.executor(),
            executedAt,
            made.version()));
    record.timeline(
        null,
        "KEY_ROTATED",
        "version "
            + made.version()
            + " created and enabled; "
            + old.version()
            + " stays enabled until T+7");
    notifyStakeholders(
        rotation.checks() == null ? List.of() : rotation.checks().dependents(),
        "Key rotated: " + request.key(),
        "new version "
            + made.version()
            + " is active; version "
            + old.version()
            + " stays enabled until the post-rotation review");

    Instant postRotation = rotation.executedAt().plus(ManualRotation.POST_ROTATION_DELAY);
    enter(RotationPhase.MONITORING, postRotation);
    Workflow.sleep(Duration.between(now(), postRotation));

    while (true) {
      enter(RotationPhase.VALIDATING, null);
      RoundTripResult result = roundTrip(made.version());
      rotation.validation(result);
      Map<String, String> check = new HashMap<>();
      check.put("version", made.version());
      check.put("operation", result.operation());
      check.put("passed", Boolean.toString(result.passed()));
      check.put("detail", String.valueOf(result.detail()));
      record.audit("POST_ROTATION_VALIDATED", null, check);
      record.timeline(
          null,
          result.passed() ? "VALIDATION_PASSED" : "VALIDATION_FAILED",
          result.operation() + ": " + result.detail());
      if (result.passed()) {
        break;
      }
      notifier.send(
          new Notification(
              NotificationTopic.ROTATIONS,
              Notification.Severity.CRITICAL,
              Workflow.getInfo().getWorkflowId(),
              "Post-rotation validation failed: " + request.key(),
              "the "
                  + result.operation()
                  + " round trip with new version "
                  + made.version()
                  + " failed ("
                  + result.detail()
                  + "); old version "
                  + rotation.oldVersion()
                  + " stays enabled. Decide RETRY_VALIDATION, ROLLBACK or ACCEPT.",
              statusLink()));
      enter(RotationPhase.AWAITING_VALIDATION_DECISION, null);
      awaitWithReminders(rotation::validationDecided, "a decision after the failed validation");
      RotationDecisionType decision = rotation.takeValidationDecision();
      if (decision == RotationDecisionType.ROLLBACK) {
        return rollBack();
      }
      if (decision == RotationDecisionType.ACCEPT) {
        record.audit("VALIDATION_FAILURE_ACCEPTED", null, Map.of("version", made.version()));
        break;
      }
    }

    enter(RotationPhase.AWAITING_MONITORING_REVIEW, null);
    tellAwaiting(
        "Key rotation awaits the monitoring review",
        "confirm the security monitoring review so the old version can be deactivated",
        null);
    awaitWithReminders(rotation::monitoringConfirmed, "the security monitoring review");

    enter(RotationPhase.DEACTIVATING, null);
    KeyVersionInfo disabled = keys.setEnabled(request.key(), rotation.oldVersion(), false);
    record.audit("OLD_VERSION_DEACTIVATED", null, AuditDetails.of(disabled).build());
    return finish(
        RotationPhase.COMPLETED,
        "rotated to version "
            + rotation.newVersion()
            + "; version "
            + rotation.oldVersion()
            + " deactivated");
  }

  private RotationOutcome rollBack() {
    enter(RotationPhase.DEACTIVATING, null);
    KeyVersionInfo disabled = keys.setEnabled(request.key(), rotation.newVersion(), false);
    keys.setEnabled(request.key(), rotation.oldVersion(), true);
    record.audit("NEW_VERSION_ROLLED_BACK", null, AuditDetails.of(disabled).build());
    return finish(
        RotationPhase.ROLLED_BACK,
        "new version "
            + rotation.newVersion()
            + " disabled; version "
            + rotation.oldVersion()
            + " stays in use");
  }

  /** Runbook 6.3 T-30: the key's current version, the dependency map, the backup, the notices. */
  private Optional<RotationOutcome> preRotationChecks(boolean notifyStakeholders) {
    Optional<KeyVersionInfo> current = currentVersion();
    if (current.isEmpty()) {
      return Optional.of(
          finish(RotationPhase.FAILED, "the key " + request.key() + " has no enabled version"));
    }
    List<KeyDependent> dependents;
    List<String> findings;
    try {
      dependents = dependencies.dependentsOf(request.key());
      findings = DependencyMapCheck.findings(dependents);
    } catch (ActivityFailure failure) {
      dependents = List.of();
      findings =
          List.of("the dependency map could not be read: " + ActivityFailures.describe(failure));
    }
    BackupCheck backup;
    try {
      backup = keys.verifyBackup(request.key());
    } catch (ActivityFailure failure) {
      backup =
          new BackupCheck(
              false, 0, "backup verification failed: " + ActivityFailures.describe(failure));
    }
    int notified =
        notifyStakeholders
            ? notifyStakeholders(
                dependents,
                "Key rotation planned: " + request.key(),
                "rotation planned for " + rotation.rotationDate() + " (runbook 6.3)")
            : rotation.checks().stakeholdersNotified();
    PreRotationChecks checks =
        new PreRotationChecks(
            now(), current.get().version(), dependents, findings, backup, notified);
    rotation.checks(checks);
    Map<String, String> details = new HashMap<>();
    details.put("version", checks.currentVersion());
    details.put("dependents", Integer.toString(dependents.size()));
    details.put("dependencyFindings", String.join("; ", findings));
    details.put("backupVerified", Boolean.toString(backup.passed()));
    details.put("backupDetail", String.valueOf(backup.detail()));
    if (backup.confirmationNeeded()) {
      details.put("backupConfirmationNeeded", "true");
    }
    details.put("stakeholdersNotified", Integer.toString(notified));
    record.audit("PRE_ROTATION_CHECKED", null, details);
    record.timeline(
        null,
        "PRE_ROTATION_CHECKED",
        dependents.size()
            + " dependent(s), "
            + findings.size()
            + " dependency finding(s), backup "
            + (backup.passed()
                ? "verified"
                : backup.confirmationNeeded()
                    ? "to be confirmed by a crypto officer or key custodian: " + backup.detail()
                    : "NOT verified: " + backup.detail()));
    publishPhase();
    return Optional.empty();
  }

  private int notifyStakeholders(List<KeyDependent> dependents, String title, String what) {
    List<Notification> notices =
        StakeholderNotices.of(
            request.key(), dependents, IdempotencyKeys.subject(), title, what, statusLink());
    notifier.sendAll(notices);
    return notices.size();
  }

  @Override
  public RotationState decide(RotationDecision decision) {
    rotation.apply(decision, now());
    Map<String, String> details = new HashMap<>();
    details.put("decision", decision.type().name());
    details.put("phase", rotation.phase().name());
    if (decision.reason() != null) {
      details.put("reason", decision.reason());
    }
    record.audit("ROTATION_DECISION_" + decision.type().name(), decision.actor().id(), details);
    if (decision.type() == RotationDecisionType.CONFIRM_BACKUP) {
      publishPhase(); // the backup confirmers no longer wait
    }
    return rotation.snapshot();
  }

  @Override
  public void validateDecide(RotationDecision decision) {
    rotation.refusalFor(decision).ifPresent(ManualRotationWorkflowImpl::refuse);
  }

  @Override
  public RotationState reschedule(Reschedule reschedule) {
    Instant previous = rotation.rotationDate();
    rotation.apply(reschedule, now());
    Map<String, String> details = new HashMap<>();
    details.put("from", previous.toString());
    details.put("to", reschedule.rotationDate().toString());
    details.put("reason", reschedule.reason());
    record.audit("ROTATION_RESCHEDULED", reschedule.actor().id(), details);
    publishPhase();
    return rotation.snapshot();
  }

  @Override
  public void validateReschedule(Reschedule reschedule) {
    rotation.refusalFor(reschedule, now()).ifPresent(ManualRotationWorkflowImpl::refuse);
  }

  @Override
  public RotationState cancel(Cancellation cancellation) {
    rotation.apply(cancellation, now());
    record.audit(
        "ROTATION_CANCEL_REQUESTED",
        cancellation.actor().id(),
        Map.of("reason", cancellation.reason(), "phase", rotation.phase().name()));
    return rotation.snapshot();
  }

  @Override
  public void validateCancel(Cancellation cancellation) {
    rotation.refusalFor(cancellation).ifPresent(ManualRotationWorkflowImpl::refuse);
  }

  @Override
  public RotationState state() {
    return rotation.snapshot();
  }

  /**
   * Sleeps until {@code due} in {@code phase}, following reschedules; false when cancelled first.
   */
  private boolean waitUntil(Supplier<Instant> due, RotationPhase phase) {
    while (true) {
      Instant at = due.get();
      enter(phase, at);
      Duration left = Duration.between(now(), at);
      if (left.isZero() || left.isNegative()) {
        return true;
      }
      int plan = rotation.plan();
      Workflow.await(left, () -> rotation.cancelled() || rotation.plan() != plan);
      if (rotation.cancelled()) {
        return false;
      }
    }
  }

  /** Waits for {@code done} until {@code due}, following reschedules; false when due came first. */
  private boolean awaitBefore(Supplier<Instant> due, Supplier<Boolean> done) {
    while (true) {
      Duration left = Duration.between(now(), due.get());
      if (left.isZero() || left.isNegative()) {
        return done.get();
      }
      int plan = rotation.plan();
      Workflow.await(left, () -> done.get() || rotation.plan() != plan);
      if (done.get()) {
        return true;
      }
      if (rotation.plan() != plan) {
        enter(rotation.phase(), due.get());
      }
    }
  }

  /** Waits without a deadline, reminding the awaited roles each step timeout. */
  private void awaitWithReminders(Supplier<Boolean> done, String what) {
    while (!Workflow.await(request.stepTimeout(), done)) {
      tellAwaiting("Reminder: key rotation waits for " + what, "still waiting for " + what, null);
    }
  }

  private void tellAwaiting(String title, String what, NoticeAction answer) {
    notifier.send(
        new Notification(
            NotificationTopic.APPROVALS,
            Notification.Severity.INFO,
            Workflow.getInfo().getWorkflowId(),
            title + ": " + request.key(),
            what + "; roles: " + sortedRoles(),
            statusLink(),
            answer));
  }

  private RoundTripResult roundTrip(String version) {
    try {
      return keys.roundTrip(request.key(), version);
    } catch (ActivityFailure failure) {
      return new RoundTripResult(version, "round trip", false, ActivityFailures.describe(failure));
    }
  }

  private Optional<KeyVersionInfo> currentVersion() {
    return NextVersion.current(keys.listVersions(request.key()));
  }

  private void enter(RotationPhase next, Instant deadline) {
    rotation.moveTo(next, deadline);
    publishPhase();
    boolean changed = next != enteredPhase || !Objects.equals(deadline, enteredDeadline);
    enteredPhase = next;
    enteredDeadline = deadline;
    if (changed) {
      writeToTicket();
    }
  }

  /** Queues the phase's note for the ticket, without waiting for the ticket system. */
  private void writeToTicket() {
    RotationTicketNotes.forState(rotation.snapshot())
        .ifPresent(note -> ticket.post(note.state(), note.text()));
  }

  private RotationOutcome cancelled() {
    Workflow.await(Workflow::isEveryHandlerFinished);
    Cancellation c = rotation.cancellation();
    return finish(RotationPhase.CANCELLED, "cancelled by " + c.actor().id() + ": " + c.reason());
  }

  private RotationOutcome finish(RotationPhase last, String reason) {
    rotation.finish(last, reason);
    publishPhase();
    record.timeline(null, last.name(), reason);
    writeToTicket();
    record.audit("ROTATION_" + last.name(), null, Map.of("reason", reason));
    return new RotationOutcome(last, rotation.oldVersion(), rotation.newVersion(), reason);
  }

  private void publishPhase() {
    List<String> roles = sortedRoles();
    Workflow.upsertTypedSearchAttributes(
        SearchAttributeUpdate.valueSet(KIND, KIND_NAME),
        SearchAttributeUpdate.valueSet(PHASE, rotation.phase().name()),
        SearchAttributeUpdate.valueSet(KEY_NAME, request.key().toString()),
        SearchAttributeUpdate.valueSet(CLASSIFICATION, rotation.classification().name()),
        SearchAttributeUpdate.valueSet(DUE_AT, rotation.rotationDate().atOffset(ZoneOffset.UTC)),
        roles.isEmpty()
            ? SearchAttributeUpdate.valueUnset(AWAITING_ROLES)
            : SearchAttributeUpdate.valueSet(AWAITING_ROLES, roles));
    if (request.ticket() != null) {
      Workflow.upsertTypedSearchAttributes(
          SearchAttributeUpdate.valueSet(TICKET, request.ticket()));
    }
    Workflow.upsertMemo(Map.of("summary", summary()));
  }

  private List<String> sortedRoles() {
    return rotation.awaitingRoles().stream().map(Role::name).sorted().collect(Collectors.toList());
  }

  private String summary() {
    return rotation.rule().usage().label()
        + " "
        + request.key()
        + " ("
        + rotation.classification()
        + ") rotation on "
        + rotation.rotationDate()
        + " requested by "
        + request.requester().id()
        + ": "
        + rotation.phase()
        + (rotation.awaitingRoles().isEmpty() ? "" : ", waiting for " + sortedRoles());
  }

  private String statusLink() {
    return "/api/rotations/" + request.key().vault() + "/" + request.key().name();
  }

  private Map<String, String> requestDetails(KeyPolicy facts) {
    Map<String, String> details = new HashMap<>();
    details.put("key", request.key().toString());
    details.put("usage", facts.usage().name());
    details.put("classification", facts.classification().name());
    details.put("registered", Boolean.toString(facts.registered()));
    details.put("rotationDate", request.rotationDate().toString());
    details.put("approvals", rotation.rule().approvalText());
    if (request.ticket() != null) {
      details.put("ticket", request.ticket());
    }
    return details;
  }

  private static void refuseOutOfPolicy(RotationRequest request) {
    if (!request.requester().holdsAny(RotationRoles.REQUESTERS)) {
      throw ApplicationFailure.newNonRetryableFailure(
          request.requester().id()
              + " may not request a rotation; requesters hold one of "
              + RotationRoles.REQUESTERS,
          "PolicyViolation");
    }
    if (request.justification() == null || request.justification().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a rotation needs a justification (runbook 6.3)", "PolicyViolation");
    }
  }

  private static void refuse(String message) {
    throw new IllegalArgumentException(message);
  }
}
