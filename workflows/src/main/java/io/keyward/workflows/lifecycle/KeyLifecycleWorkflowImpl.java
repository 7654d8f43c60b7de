package io.keyward.workflows.lifecycle;

import static io.keyward.workflows.ceremony.WorkflowClock.now;
import static io.keyward.workflows.common.KeywardSearchAttributes.AWAITING_ROLES;
import static io.keyward.workflows.common.KeywardSearchAttributes.CLASSIFICATION;
import static io.keyward.workflows.common.KeywardSearchAttributes.DUE_AT;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.ceremony.Timeline;
import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.dependencies.DependencyActivities;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.register.KeyPolicy;
import io.keyward.workflows.register.KeyStates;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.rotation.NextVersion;
import io.keyward.workflows.rotation.RotationActivityOptions;
import io.keyward.workflows.rotation.StakeholderNotices;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runbook 6.2's lifetime actions for one key, one cycle per version; the gate's rules live in
 * {@link KeyLifecycle}. Each cycle ends by continuing as new with the next version.
 */
public class KeyLifecycleWorkflowImpl implements KeyLifecycleWorkflow {
  /** The value of {@code KeywardKind} for lifecycles. */
  public static final String KIND_NAME = "KeyLifecycle";

  /** How often an expired key without rotation is brought up again. */
  static final Duration EXPIRED_REMINDER = Duration.ofDays(7);

  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final DependencyActivities dependencies =
      Workflow.newActivityStub(DependencyActivities.class, RotationActivityOptions.LOOKUPS);
  private final RegisterSteps register = new RegisterSteps();
  private final LifecycleInput input;
  private final KeyLifecycle lifecycle;
  private final CeremonyRecord record = new CeremonyRecord(Timeline.NONE);
  private final CeremonyNotifier notifier = new CeremonyNotifier(record);
  private Instant enrolledAt;
  private Instant rotatedAt;
  private Optional<RegisteredKey> entry = Optional.empty();

  @WorkflowInit
  public KeyLifecycleWorkflowImpl(LifecycleInput input) {
    this.input = input;
    this.lifecycle = new KeyLifecycle(input);
  }

  @Override
  public LifecycleState run(LifecycleInput input) {
    enrolledAt = input.enrolledAt() != null ? input.enrolledAt() : now();
    lifecycle.enrolledAt(enrolledAt);
    entry = register.find(input.key());
    KeyPolicy facts = KeyPolicy.of(input.key(), entry, input.usage());
    lifecycle.facts(facts);
    if (input.cycle() == 0) {
      record.audit("KEY_ENROLLED", input.enrolledBy(), enrolmentDetails(facts));
    }
    publish();
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
        sleepUntil(rotateAt, LifecyclePhase.WAITING_TO_ROTATE, LifecycleAction.ROTATE);
        if (replaced(version)) {
          return nextCycle(null);
        }
        return afterRotation(version, rotate(version, List.of()), expires, false);
      }
      case APPROVAL_GATE -> {
        sleepUntil(
            rotateAt, LifecyclePhase.WAITING_TO_ROTATE, LifecycleAction.REQUEST_ROTATION_APPROVAL);
        if (replaced(version)) {
          return nextCycle(null);
        }
        return gatedRotation(version, notifyAt, expires);
      }
      default -> {
        return manualCycle(version, rotateAt, notifyAt, expires, false);
      }
    }
  }

  /** SECRET keys: the matrix's approvers approve before Keyward rotates; never alone. */
  private LifecycleState gatedRotation(KeyVersionInfo version, Instant notifyAt, Instant expires) {
    lifecycle.openGate();
    lifecycle.plan(
        LifecyclePhase.AWAITING_ROTATION_APPROVAL, LifecycleAction.NOTIFY_EXPIRY, notifyAt);
    publish();
    notifier.send(
        new Notification(
            NotificationTopic.APPROVALS,
            Notification.Severity.INFO,
            Workflow.getInfo().getWorkflowId(),
            "Key rotation needs approval: " + input.key(),
            "version "
                + version.version()
                + " expires "
                + expires
                + "; approve the automatic rotation ("
                + lifecycle.rule().approvalText()
                + "): "
                + roles(),
            statusLink(),
            NoticeAction.decisionOn(lifecycle.classification())));
    boolean notified = false;
    if (!awaitGateUntil(notifyAt)) {
      notified = true;
      if (now().isBefore(expires)) {
        notifyExpiry(version, expires, "the rotation still waits for approval");
        lifecycle.plan(
            LifecyclePhase.AWAITING_ROTATION_APPROVAL, LifecycleAction.ALERT_EXPIRED, expires);
        publish();
        awaitGateUntil(expires);
      }
      while (!lifecycle.gateDecided()) {
        alertExpired(version, expires, "the rotation still waits for approval");
        lifecycle.plan(
            LifecyclePhase.AWAITING_ROTATION_APPROVAL,
            LifecycleAction.ALERT_EXPIRED,
            now().plus(EXPIRED_REMINDER));
        publish();
        awaitGateUntil(lifecycle.nextActionAt());
      }
    }
    lifecycle.closeGate();
    if (!lifecycle.approved()) {
      record.audit(
          "AUTOMATIC_ROTATION_DENIED", lifecycle.denier(), Map.of("version", version.version()));
      notifier.send(
          notice(
              Notification.Severity.WARNING,
              "Automatic rotation denied: " + input.key(),
              "denied by "
                  + lifecycle.denier()
                  + "; plan a manual rotation (runbook 6.3) before "
                  + expires));
      return manualCycle(
          version, now(), expires.minus(RotationMatrix.NOTIFY_BEFORE_EXPIRY), expires, notified);
    }
    return afterRotation(
        version, rotate(version, lifecycle.approvals().approvers()), expires, notified);
  }

  /** After a rotation: the 7-day notice, the old version's retirement at expiry, the next cycle. */
  private LifecycleState afterRotation(
      KeyVersionInfo old, KeyVersionInfo made, Instant expires, boolean notified) {
    if (made == null) {
      return manualCycle(
          old, now(), expires.minus(RotationMatrix.NOTIFY_BEFORE_EXPIRY), expires, notified);
    }
    if (!notified && now().isBefore(expires)) {
      Instant notifyAt = expires.minus(RotationMatrix.NOTIFY_BEFORE_EXPIRY);
      sleepUntil(notifyAt, LifecyclePhase.WAITING_TO_NOTIFY, LifecycleAction.NOTIFY_EXPIRY);
      notifyExpiry(old, expires, "version " + made.version() + " replaces it");
    }
    sleepUntil(expires, LifecyclePhase.WAITING_TO_RETIRE, LifecycleAction.RETIRE_OLD_VERSION);
    KeyVersionInfo retired = keys.setEnabled(input.key(), old.version(), false);
    record.audit("OLD_VERSION_RETIRED", null, AuditDetails.of(retired).build());
    return nextCycle(
        new RotationRecord(
            input.cycle(),
            old.version(),
            made.version(),
            rotatedAt,
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
      lifecycle.plan(
          LifecyclePhase.EXPIRED_WITHOUT_ROTATION,
          LifecycleAction.RECHECK,
          now().plus(EXPIRED_REMINDER));
      publish();
      alertExpired(version, expires, "no manual rotation replaced it");
      Workflow.sleep(EXPIRED_REMINDER);
      return nextCycle(null);
    }
    sleepUntil(rotateAt, LifecyclePhase.WAITING_TO_ROTATE, LifecycleAction.REMIND_MANUAL_ROTATION);
    if (replaced(version)) {
      return nextCycle(null);
    }
    notifier.send(
        notice(
            Notification.Severity.WARNING,
            "Manual key rotation due: " + input.key(),
            "version "
                + version.version()
                + " expires "
                + expires
                + "; plan a manual rotation (runbook 6.3) with approval by "
                + lifecycle.rule().approvalText()));
    if (!notified) {
      sleepUntil(notifyAt, LifecyclePhase.MANUAL_ROTATION_DUE, LifecycleAction.NOTIFY_EXPIRY);
      if (replaced(version)) {
        return nextCycle(null);
      }
      notifyExpiry(version, expires, "no manual rotation replaced it yet");
    }
    sleepUntil(expires, LifecyclePhase.MANUAL_ROTATION_DUE, LifecycleAction.ALERT_EXPIRED);
    return nextCycle(null);
  }

  /** Creates and checks the new version; null when that failed (people are alerted). */
  private KeyVersionInfo rotate(KeyVersionInfo old, List<String> approvedBy) {
    lifecycle.plan(LifecyclePhase.ROTATING, LifecycleAction.NONE, null);
    publish();
    KeyVersionInfo made;
    try {
      made =
          keys.create(
              NextVersion.command(
                  old,
                  lifecycle.usage(),
                  lifecycle.classification(),
                  now(),
                  Workflow.getInfo().getWorkflowId(),
                  IdempotencyKeys.forStep("rotate")));
    } catch (ActivityFailure failure) {
      rotationFailed(old, "creating the new version failed: " + ActivityFailures.describe(failure));
      return null;
    }
    RoundTripResult check = roundTrip(made.version());
    if (!check.passed()) {
      keys.setEnabled(input.key(), made.version(), false);
      rotationFailed(
          old,
          "new version "
              + made.version()
              + " failed its "
              + check.operation()
              + " round trip ("
              + check.detail()
              + ") and was disabled");
      return null;
    }
    lifecycle.newVersion(made.version());
    rotatedAt = now();
    record.audit(
        "KEY_ROTATED",
        null,
        AuditDetails.of(made)
            .with("oldVersion", old.version())
            .with("mode", lifecycle.mode().name())
            .with("roundTrip", check.operation() + " passed")
            .with("approvedBy", approvedBy.isEmpty() ? null : String.join(", ", approvedBy))
            .build());
    register.apply(
        RegisterUpdate.version(
            input.key(),
            RegisterSteps.changeId("rotated"),
            RegisterSteps.ceremony(),
            null,
            rotatedAt,
            made.version()));
    notifier.sendAll(
        StakeholderNotices.of(
            input.key(),
            dependencies.dependentsOf(input.key()),
            IdempotencyKeys.subject(),
            "Key rotated automatically: " + input.key(),
            "new version "
                + made.version()
                + " is active; version "
                + old.version()
                + " stays enabled until it expires",
            statusLink()));
    return made;
  }

  private void rotationFailed(KeyVersionInfo old, String why) {
    record.audit(
        "AUTOMATIC_ROTATION_FAILED", null, Map.of("version", old.version(), "reason", why));
    notifier.send(
        notice(
            Notification.Severity.CRITICAL,
            "Automatic key rotation failed: " + input.key(),
            why + "; version " + old.version() + " stays in use; plan a manual rotation"));
  }

  @Override
  public LifecycleState decide(GateDecision decision) {
    String slot = lifecycle.apply(decision);
    Map<String, String> details = new HashMap<>();
    details.put("decision", decision.type().name());
    details.put("slot", slot);
    if (decision.reason() != null) {
      details.put("reason", decision.reason());
    }
    record.audit("ROTATION_GATE_" + decision.type().name(), decision.actor().id(), details);
    publish();
    return lifecycle.snapshot();
  }

  @Override
  public void validateDecide(GateDecision decision) {
    lifecycle
        .refusalFor(decision)
        .ifPresent(
            message -> {
              throw new IllegalArgumentException(message);
            });
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

  private void sleepUntil(Instant at, LifecyclePhase phase, LifecycleAction action) {
    lifecycle.plan(phase, action, at);
    publish();
    Duration left = Duration.between(now(), at);
    if (left.compareTo(Duration.ZERO) > 0) {
      Workflow.sleep(left);
    }
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
    lifecycle.plan(LifecyclePhase.KEY_NOT_FOUND, LifecycleAction.NONE, null);
    publish();
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
    notifier.send(
        notice(
            Notification.Severity.WARNING,
            "Key lifecycle ended: " + input.key(),
            "no provider holds an enabled version of the key; its automatic rotation stopped"));
    notifier.awaitDelivered();
    return lifecycle.snapshot();
  }

  private void notifyExpiry(KeyVersionInfo version, Instant expires, String state) {
    notifier.send(
        notice(
            Notification.Severity.WARNING,
            "Key version expires in 7 days: " + input.key(),
            "version " + version.version() + " expires " + expires + "; " + state));
    record.audit(
        "EXPIRY_NOTIFIED",
        null,
        Map.of("version", version.version(), "expires", expires.toString()));
  }

  private void alertExpired(KeyVersionInfo version, Instant expires, String state) {
    notifier.send(
        notice(
            Notification.Severity.CRITICAL,
            "Key version expired without rotation: " + input.key(),
            "version " + version.version() + " expired " + expires + "; " + state));
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

  private RoundTripResult roundTrip(String version) {
    try {
      return keys.roundTrip(input.key(), version);
    } catch (ActivityFailure failure) {
      return new RoundTripResult(version, "round trip", false, ActivityFailures.describe(failure));
    }
  }

  private void publish() {
    List<String> roles = roles();
    Workflow.upsertTypedSearchAttributes(
        SearchAttributeUpdate.valueSet(KIND, KIND_NAME),
        SearchAttributeUpdate.valueSet(PHASE, lifecycle.phase().name()),
        SearchAttributeUpdate.valueSet(KEY_NAME, input.key().toString()),
        SearchAttributeUpdate.valueSet(CLASSIFICATION, lifecycle.classification().name()),
        lifecycle.nextActionAt() == null
            ? SearchAttributeUpdate.valueUnset(DUE_AT)
            : SearchAttributeUpdate.valueSet(
                DUE_AT, lifecycle.nextActionAt().atOffset(ZoneOffset.UTC)),
        roles.isEmpty()
            ? SearchAttributeUpdate.valueUnset(AWAITING_ROLES)
            : SearchAttributeUpdate.valueSet(AWAITING_ROLES, roles));
    Workflow.upsertMemo(Map.of("summary", summary()));
  }

  private String summary() {
    return lifecycle.usage().label()
        + " "
        + input.key()
        + " ("
        + lifecycle.classification()
        + ", "
        + lifecycle.mode()
        + " rotation every "
        + lifecycle.rule().interval()
        + "), cycle "
        + input.cycle()
        + ": "
        + lifecycle.phase()
        + (lifecycle.nextActionAt() == null
            ? ""
            : ", next " + lifecycle.nextAction() + " at " + lifecycle.nextActionAt());
  }

  private List<String> roles() {
    return lifecycle.awaitingRoles().stream().map(Role::name).sorted().collect(Collectors.toList());
  }

  private Notification notice(Notification.Severity severity, String title, String text) {
    return new Notification(
        NotificationTopic.ROTATIONS,
        severity,
        Workflow.getInfo().getWorkflowId(),
        title,
        text,
        statusLink());
  }

  private String statusLink() {
    return "/api/keys/" + input.key().vault() + "/" + input.key().name() + "/lifecycle";
  }

  private Map<String, String> enrolmentDetails(KeyPolicy facts) {
    Map<String, String> details = new HashMap<>();
    details.put("key", input.key().toString());
    details.put("usage", facts.usage().name());
    details.put("classification", facts.classification().name());
    details.put("registered", Boolean.toString(facts.registered()));
    details.put("mode", lifecycle.mode().name());
    details.put("interval", lifecycle.rule().interval().toString());
    return details;
  }
}
