package io.keyward.workflows.lifecycle;

import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.rotation.StakeholderNotices;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a key's lifecycle says (runbook 6.2): its notices, the memo's summary and the details of its
 * audit events. Identifiers, versions and dates only; never key material.
 */
public final class LifecycleMessages {
  private LifecycleMessages() {}

  /** Where people see the lifecycle of {@code key}. */
  public static String statusLink(KeyRef key) {
    return "/api/keys/" + key.vault() + "/" + key.name() + "/lifecycle";
  }

  /** The memo's one line, e.g. {@code Application key v/k (SECRET, APPROVAL_GATE ...), cycle 0}. */
  public static String summary(KeyLifecycle lifecycle) {
    LifecycleInput input = lifecycle.input();
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

  /** Asks the approvers of the gate (SECRET keys) to approve the automatic rotation. */
  public static Notification gateOpened(
      KeyLifecycle lifecycle, String version, Instant expires, String subject) {
    LifecycleInput input = lifecycle.input();
    return new Notification(
        NotificationTopic.APPROVALS,
        Notification.Severity.INFO,
        subject,
        "Key rotation needs approval: " + input.key(),
        "version "
            + version
            + " expires "
            + expires
            + "; approve the automatic rotation ("
            + lifecycle.rule().approvalText()
            + "): "
            + CeremonyVisibility.roleNames(lifecycle.awaitingRoles()),
        statusLink(input.key()),
        NoticeAction.decisionOn(lifecycle.classification()));
  }

  public static Notification gateDenied(KeyLifecycle lifecycle, Instant expires, String subject) {
    return notice(
        lifecycle,
        subject,
        Notification.Severity.WARNING,
        "Automatic rotation denied: ",
        "denied by "
            + lifecycle.denier()
            + "; plan a manual rotation (runbook 6.3) before "
            + expires);
  }

  public static Notification manualRotationDue(
      KeyLifecycle lifecycle, String version, Instant expires, String subject) {
    return notice(
        lifecycle,
        subject,
        Notification.Severity.WARNING,
        "Manual key rotation due: ",
        "version "
            + version
            + " expires "
            + expires
            + "; plan a manual rotation (runbook 6.3) with approval by "
            + lifecycle.rule().approvalText());
  }

  /** Seven days before expiry; {@code state} says where the rotation stands. */
  public static Notification expiresSoon(
      KeyLifecycle lifecycle, String version, Instant expires, String state, String subject) {
    return notice(
        lifecycle,
        subject,
        Notification.Severity.WARNING,
        "Key version expires in 7 days: ",
        "version " + version + " expires " + expires + "; " + state);
  }

  public static Notification expired(
      KeyLifecycle lifecycle, String version, Instant expires, String state, String subject) {
    return notice(
        lifecycle,
        subject,
        Notification.Severity.CRITICAL,
        "Key version expired without rotation: ",
        "version " + version + " expired " + expires + "; " + state);
  }

  public static Notification rotationFailed(
      KeyLifecycle lifecycle, String version, String why, String subject) {
    return notice(
        lifecycle,
        subject,
        Notification.Severity.CRITICAL,
        "Automatic key rotation failed: ",
        why + "; version " + version + " stays in use; plan a manual rotation");
  }

  public static Notification ended(KeyLifecycle lifecycle, String subject) {
    return notice(
        lifecycle,
        subject,
        Notification.Severity.WARNING,
        "Key lifecycle ended: ",
        "no provider holds an enabled version of the key; its automatic rotation stopped");
  }

  /** The stakeholders' notices once the automatic rotation's new version is active. */
  public static List<Notification> rotated(
      KeyRef key, List<KeyDependent> dependents, String old, String made, String subject) {
    return StakeholderNotices.of(
        key,
        dependents,
        subject,
        "Key rotated automatically: " + key,
        "new version " + made + " is active; version " + old + " stays enabled until it expires",
        statusLink(key));
  }

  /** Why a new version that failed its round trip was disabled again. */
  public static String roundTripFailed(String version, RoundTripResult check) {
    return "new version "
        + version
        + " failed its "
        + check.operation()
        + " round trip ("
        + check.detail()
        + ") and was disabled";
  }

  public static Map<String, String> enrolmentDetails(KeyLifecycle lifecycle) {
    LifecycleInput input = lifecycle.input();
    return AuditDetails.create()
        .with("key", input.key())
        .with("usage", lifecycle.usage().name())
        .with("classification", lifecycle.classification().name())
        .with("mode", lifecycle.mode().name())
        .with("interval", lifecycle.rule().interval())
        .build();
  }

  public static Map<String, String> rotatedDetails(
      KeyVersionInfo made,
      String oldVersion,
      KeyLifecycle lifecycle,
      RoundTripResult check,
      List<String> approvedBy) {
    return AuditDetails.of(made)
        .with("oldVersion", oldVersion)
        .with("mode", lifecycle.mode().name())
        .with("roundTrip", check.operation() + " passed")
        .with("approvedBy", approvedBy.isEmpty() ? null : String.join(", ", approvedBy))
        .build();
  }

  public static Map<String, String> gateDecisionDetails(GateDecision decision, String slot) {
    return AuditDetails.create()
        .with("decision", decision.type().name())
        .with("slot", slot)
        .with("reason", decision.reason())
        .build();
  }

  private static Notification notice(
      KeyLifecycle lifecycle,
      String subject,
      Notification.Severity severity,
      String title,
      String text) {
    KeyRef key = lifecycle.input().key();
    return new Notification(
        NotificationTopic.ROTATIONS, severity, subject, title + key, text, statusLink(key));
  }
}
