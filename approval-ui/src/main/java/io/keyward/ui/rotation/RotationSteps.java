package io.keyward.ui.rotation;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.policy.RotationRoles;
import io.keyward.workflows.rotation.RotationDecisionType;
import io.keyward.workflows.rotation.RotationPhase;
import io.keyward.workflows.rotation.RotationState;
import java.util.ArrayList;
import java.util.List;

/**
 * The words and buttons of each phase of a manual rotation (runbook 6.3), as the pages show them.
 */
final class RotationSteps {
  private RotationSteps() {}

  static String describe(RotationPhase phase) {
    return switch (phase) {
      case SCHEDULED -> "Scheduled: waiting for T-30";
      case PRE_ROTATION -> "T-30: notifying stakeholders, checking dependencies and the backup";
      case AWAITING_SECURITY_REVIEW -> "Waiting for the security review";
      case WAITING_FOR_ROTATION_DATE -> "Reviewed: waiting for the rotation date";
      case AWAITING_APPROVAL -> "At T: waiting for approval";
      case AWAITING_EXECUTION ->
          "Approved: waiting for a crypto officer or key custodian to execute";
      case ROTATING -> "Creating the new version";
      case MONITORING -> "New version active: monitoring until T+7";
      case VALIDATING -> "Checking the new version";
      case AWAITING_VALIDATION_DECISION -> "The check failed: waiting for a decision";
      case AWAITING_MONITORING_REVIEW -> "T+7: waiting for the monitoring review";
      case DEACTIVATING -> "Deactivating the old version";
      case COMPLETED -> "Completed";
      case ROLLED_BACK -> "Rolled back";
      case CANCELLED -> "Cancelled";
      case REJECTED -> "Rejected by the security review";
      case DENIED -> "Denied";
      case EXPIRED -> "Expired";
      case FAILED -> "Failed";
    };
  }

  /** The step in the inbox's words for {@code viewer}: a backup to confirm, or the phase's step. */
  static String task(RotationState state, Actor viewer) {
    boolean confirmsBackup =
        actions(state, viewer).stream()
            .anyMatch(a -> a.decision() == RotationDecisionType.CONFIRM_BACKUP);
    return confirmsBackup && !viewer.holdsAny(RotationRoles.SECURITY_REVIEWERS)
        ? "Confirm the backup of a key before its rotation"
        : task(state.phase());
  }

  /** The step in the inbox's words. */
  static String task(RotationPhase phase) {
    return switch (phase) {
      case AWAITING_SECURITY_REVIEW -> "Review a planned key rotation (security)";
      case AWAITING_APPROVAL -> "Approve a key rotation";
      case AWAITING_EXECUTION -> "Execute an approved key rotation";
      case AWAITING_VALIDATION_DECISION -> "Decide on a failed post-rotation check";
      case AWAITING_MONITORING_REVIEW -> "Confirm the post-rotation monitoring review";
      default -> "Key rotation " + phase;
    };
  }

  /**
   * The buttons of the open step for {@code viewer}. At the security review, a backup Keyward
   * cannot restore adds its confirmation for those who back keys up, and the review's own buttons
   * stay with the security team.
   */
  static List<Action> actions(RotationState state, Actor viewer) {
    if (state.phase() != RotationPhase.AWAITING_SECURITY_REVIEW) {
      return actions(state.phase());
    }
    List<Action> open = new ArrayList<>();
    boolean backupToConfirm =
        state.checks() != null
            && state.checks().backup() != null
            && state.checks().backup().awaitsConfirmation();
    if (backupToConfirm && viewer.holdsAny(RotationRoles.BACKUP_CONFIRMERS)) {
      open.add(new Action(RotationDecisionType.CONFIRM_BACKUP, "Confirm the backup", false));
    }
    if (viewer.holdsAny(RotationRoles.SECURITY_REVIEWERS)) {
      open.addAll(actions(state.phase()));
    }
    return open;
  }

  static List<Action> actions(RotationPhase phase) {
    return switch (phase) {
      case AWAITING_SECURITY_REVIEW ->
          List.of(
              new Action(RotationDecisionType.APPROVE_REVIEW, "Approve the review", false),
              new Action(RotationDecisionType.RECHECK, "Check again", false),
              new Action(RotationDecisionType.REJECT_REVIEW, "Reject", true));
      case AWAITING_APPROVAL ->
          List.of(
              new Action(RotationDecisionType.APPROVE, "Approve", false),
              new Action(RotationDecisionType.DENY, "Deny", true));
      case AWAITING_EXECUTION ->
          List.of(new Action(RotationDecisionType.EXECUTE, "Execute the rotation", false));
      case AWAITING_VALIDATION_DECISION ->
          List.of(
              new Action(RotationDecisionType.RETRY_VALIDATION, "Check again", false),
              new Action(RotationDecisionType.ROLLBACK, "Roll back", true),
              new Action(RotationDecisionType.ACCEPT, "Accept the new version", true));
      case AWAITING_MONITORING_REVIEW ->
          List.of(new Action(RotationDecisionType.CONFIRM_MONITORING, "Confirm the review", false));
      default -> List.of();
    };
  }

  static String done(RotationDecisionType decision) {
    return switch (decision) {
      case APPROVE_REVIEW -> "You approved the security review.";
      case REJECT_REVIEW -> "You rejected the rotation.";
      case RECHECK -> "The pre-rotation checks run again.";
      case CONFIRM_BACKUP -> "You confirmed the backup of the key.";
      case APPROVE -> "You approved the rotation.";
      case DENY -> "You denied the rotation.";
      case EXECUTE -> "You ordered the new version; it is being created.";
      case CONFIRM_MONITORING -> "You confirmed the monitoring review.";
      case RETRY_VALIDATION -> "The check with the new version runs again.";
      case ROLLBACK -> "You rolled the rotation back; the old version stays.";
      case ACCEPT -> "You accepted the new version.";
    };
  }

  /** A button of the decision form; {@code emphasised} marks the ones that end or undo. */
  record Action(RotationDecisionType decision, String label, boolean emphasised) {}
}
