package io.keyward.workflows.lifecycle;

import static io.keyward.workflows.ceremony.WorkflowClock.now;

import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.ceremony.Timeline;
import io.keyward.workflows.ceremony.UpdateRefusals;
import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.register.KeyPolicy;
import io.keyward.workflows.register.KeyStates;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.rotation.NextVersion;
import io.keyward.workflows.rotation.RotationActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 6.2's lifetime actions for one key, one cycle per version: rotate before expiry
 * (automatically, behind an approval gate, or by reminding people of a manual rotation), notify 7
 * days before expiry, retire the old version at expiry. Each cycle ends by continuing as new with
 * the next version. The gate's rules live in {@link KeyLifecycle}, what it says in {@link
 * LifecycleMessages}.
 */
public class KeyLifecycleWorkflowImpl implements KeyLifecycleWorkflow {

  /** How often an expired key without rotation is brought up again. */
  static final Duration EXPIRED_REMINDER = Duration.ofDays(7);

  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final RegisterSteps register = new RegisterSteps();
  private Optional<RegisteredKey> entry = Optional.empty();
  private final LifecycleInput input;
  private final KeyLifecycle lifecycle;
  private final CeremonyRecord record = new CeremonyRecord(Timeline.NONE);
  private final CeremonyNotifier notifier = new CeremonyNotifier(record);
  private final LifecycleProgress progress;
  private final AutomaticRotationStep automaticRotation;
  private Instant enrolledAt;

  @WorkflowInit
  public KeyLifecycleWorkflowImpl(LifecycleInput input) {
    this.input = input;
    this.lifecycle = new KeyLifecycle(input);
    this.progress = new LifecycleProgress(lifecycle, record, notifier);
    DependencyActivities dependencies =
        Workflow.newActivityStub(DependencyActivities.class, RotationActivityOptions.LOOKUPS);
    this.automaticRotation =
        new AutomaticRotationStep(lifecycle, keys, dependencies, record, notifier);
  }

  @Override
  public LifecycleState run(LifecycleInput input) {
    enrolledAt = input.enrolledAt() != null ? input.enrolledAt() : now();
    lifecycle.enrolledAt(enrolledAt);
    entry = register.find(input.key());
    lifecycle.facts(KeyPolicy.of(input.key(), entry, input.usage()));
    if (input.cycle() == 0) {
      record.audit(
          "KEY_ENROLLED", input.enrolledBy(), LifecycleMessages.enrolmentDetails(lifecycle));
    }
    progress.publish();
    List<KeyVersionInfo> versions = keys.listVersions(input.key());
    Optional<KeyVersionInfo> current = NextVersion.current(versions);
    if (current.isEmpty()) {
      return ended(versions.isEmpty());
    }
    KeyVersionInfo version = current.get();
    Instant expires = NextVersion.expiryOf(version, now());
    lifecycle.version(version.version(), expires);
    Instant rotateAt = expires.minus(RotationMatrix.ROTATE_BEFORE_EXPIRY);
    Instant notifyAt = expires.minus(RotationMatrix.NOTIFY_BEFORE_EXPIRY);

    switch (lifecycle.mode()) {
      case AUTOMATIC -> {
        progress.sleepUntil(rotateAt, LifecyclePhase.WAITING_TO_ROTATE, LifecycleAction.ROTATE);
        return replaced(version)
            ? nextCycle(null)
            : rotateAndRetire(version, List.of(), expires, false);
      }
      case APPROVAL_GATE -> {
        progress.sleepUntil(
            rotateAt, LifecyclePhase.WAITING_TO_ROTATE, LifecycleAction.REQUEST_ROTATION_APPROVAL);
        return replaced(version) ? nextCycle(null) : gatedRotation(version, notifyAt, expires);
      }
      default -> {
        return manualCycle(version, rotateAt, notifyAt, expires, false);
      }
    }
  }

  /** SECRET keys: the matrix's approvers approve before Keyward rotates; never alone. */
  private LifecycleState gatedRotation(KeyVersionInfo version, Instant notifyAt, Instant expires) {
    lifecycle.openGate();
    progress.plan(
        LifecyclePhase.AWAITING_ROTATION_APPROVAL, LifecycleAction.NOTIFY_EXPIRY, notifyAt);
    notifier.send(
        LifecycleMessages.gateOpened(
            lifecycle, version.version(), expires, IdempotencyKeys.subject()));
    boolean notified = false;
    if (!awaitGateUntil(notifyAt)) {
      notified = true;
      if (now().isBefore(expires)) {
        progress.notifyExpiry(version, expires, "the rotation still waits for approval");
        progress.plan(
            LifecyclePhase.AWAITING_ROTATION_APPROVAL, LifecycleAction.ALERT_EXPIRED, expires);
        awaitGateUntil(expires);
      }
      while (!lifecycle.gateDecided()) {
        progress.alertExpired(version, expires, "the rotation still waits for approval");
        progress.plan(
            LifecyclePhase.AWAITING_ROTATION_APPROVAL,
            LifecycleAction.ALERT_EXPIRED,
            now().plus(EXPIRED_REMINDER));
        awaitGateUntil(lifecycle.nextActionAt());
      }
    }
    lifecycle.closeGate();
    if (!lifecycle.approved()) {
      record.audit(
          "AUTOMATIC_ROTATION_DENIED", lifecycle.denier(), Map.of("version", version.version()));
      notifier.send(LifecycleMessages.gateDenied(lifecycle, expires, IdempotencyKeys.subject()));
      return manualCycle(version, now(), notifyAt(expires), expires, notified);
    }
    return rotateAndRetire(version, lifecycle.approvals().approvers(), expires, notified);
  }

  /**
   * Rotates, then the 7-day notice, the old version's retirement at expiry and the next cycle; a
   * failed rotation falls back to the manual cycle's reminders.
   */
  private LifecycleState rotateAndRetire(
      KeyVersionInfo old, List<String> approvedBy, Instant expires, boolean notified) {
    progress.plan(LifecyclePhase.ROTATING, LifecycleAction.NONE, null);
    Optional<KeyVersionInfo> rotated = automaticRotation.run(old, approvedBy);
    if (rotated.isEmpty()) {
      return manualCycle(old, now(), notifyAt(expires), expires, notified);
    }
    KeyVersionInfo made = rotated.get();
    if (!notified && now().isBefore(expires)) {
      progress.sleepUntil(
          notifyAt(expires), LifecyclePhase.WAITING_TO_NOTIFY, LifecycleAction.NOTIFY_EXPIRY);
      progress.notifyExpiry(old, expires, "version " + made.version() + " replaces it");
    }
    progress.sleepUntil(
        expires, LifecyclePhase.WAITING_TO_RETIRE, LifecycleAction.RETIRE_OLD_VERSION);
    KeyVersionInfo retired = keys.setEnabled(input.key(), old.version(), false);
    record.audit("OLD_VERSION_RETIRED", null, AuditDetails.of(retired).build());
    return nextCycle(
        new RotationRecord(
            input.cycle(),
            old.version(),
            made.version(),
            lifecycle.rotatedAt(),
            lifecycle.approvals().approvers()));
  }

  /**
   * Manual keys (and gated ones whose rotation was denied or failed): remind people that a manual
   * rotation is due, at the rotation date, 7 days before expiry and weekly after it.
   */
  private LifecycleState manualCycle(
      KeyVersionInfo version,
      Instant rotateAt,
      Instant notifyAt,
      Instant expires,
      boolean notified) {
    if (!now().isBefore(expires)) {
      progress.plan(
          LifecyclePhase.EXPIRED_WITHOUT_ROTATION,
          LifecycleAction.RECHECK,
          now().plus(EXPIRED_REMINDER));
      progress.alertExpired(version, expires, "no manual rotation replaced it");
      Workflow.sleep(EXPIRED_REMINDER);
      return nextCycle(null);
    }
    progress.sleepUntil(
        rotateAt, LifecyclePhase.WAITING_TO_ROTATE, LifecycleAction.REMIND_MANUAL_ROTATION);
    if (replaced(version)) {
      return nextCycle(null);
    }
    notifier.send(
        LifecycleMessages.manualRotationDue(
            lifecycle, version.version(), expires, IdempotencyKeys.subject()));
    if (!notified) {
      progress.sleepUntil(
          notifyAt, LifecyclePhase.MANUAL_ROTATION_DUE, LifecycleAction.NOTIFY_EXPIRY);
      if (replaced(version)) {
        return nextCycle(null);
      }
      progress.notifyExpiry(version, expires, "no manual rotation replaced it yet");
    }
    progress.sleepUntil(expires, LifecyclePhase.MANUAL_ROTATION_DUE, LifecycleAction.ALERT_EXPIRED);
    return nextCycle(null);
  }

  @Override
  public LifecycleState decide(GateDecision decision) {
    String slot = lifecycle.apply(decision);
    record.audit(
        "ROTATION_GATE_" + decision.type().name(),
        decision.actor().id(),
        LifecycleMessages.gateDecisionDetails(decision, slot));
    progress.publish();
    return lifecycle.snapshot();
  }

  @Override
  public void validateDecide(GateDecision decision) {
    UpdateRefusals.refuseIfPresent(lifecycle.refusalFor(decision));
  }

  @Override
  public LifecycleState state() {
    return lifecycle.snapshot();
  }

  private boolean awaitGateUntil(Instant until) {
    Duration left = Duration.between(now(), until);
    if (left.isNegative() || left.isZero()) {
      return lifecycle.gateDecided();
    }
    return Workflow.await(left, lifecycle::gateDecided);
  }

  /**
   * True when the cycle's version is no longer the one in use: a newer one took over (a manual
   * rotation), or none is enabled any more. The caller then ends the cycle with {@link #nextCycle},
   * which starts from whatever is in use, or ends the lifecycle.
   */
  private boolean replaced(KeyVersionInfo version) {
    return currentVersion().map(v -> !v.version().equals(version.version())).orElse(true);
  }

  /**
   * The key has no enabled version at any provider: nothing to rotate, the lifecycle ends, and the
   * key register says so (RETIRED when no version is left, DISABLED otherwise).
   */
  private LifecycleState ended(boolean noVersionLeft) {
    progress.plan(LifecyclePhase.KEY_NOT_FOUND, LifecycleAction.NONE, null);
    record.audit("LIFECYCLE_ENDED", null, Map.of("reason", "no enabled version"));
    KeyStates.whenNoVersionIsEnabled(entry, noVersionLeft)
        .ifPresent(
            state ->
                register.apply(
                    RegisterUpdate.state(
                        input.key(),
                        RegisterSteps.changeId("ended"),
                        RegisterSteps.ceremony(),
                        null,
                        now(),
                        state,
                        null)));
    notifier.send(LifecycleMessages.ended(lifecycle, IdempotencyKeys.subject()));
    notifier.awaitDelivered();
    return lifecycle.snapshot();
  }

  private LifecycleState nextCycle(RotationRecord rotation) {
    notifier.awaitDelivered();
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(
        input.next(enrolledAt, rotation, lifecycle.usage(), lifecycle.classification()));
    return lifecycle.snapshot();
  }

  private Optional<KeyVersionInfo> currentVersion() {
    return NextVersion.current(keys.listVersions(input.key()));
  }

  private static Instant notifyAt(Instant expires) {
    return expires.minus(RotationMatrix.NOTIFY_BEFORE_EXPIRY);
  }
}
