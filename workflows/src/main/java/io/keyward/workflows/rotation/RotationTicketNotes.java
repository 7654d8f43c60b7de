package io.keyward.workflows.rotation;

import io.keyward.workflows.servicenow.TicketState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The work note a manual rotation writes to its ticket when it enters a phase that lasts (a wait on
 * people or on a date) or ends: who decided, what is waited for and until when. Empty for the
 * machine steps in between (pre-rotation checks, rotating, validating, deactivating), which last
 * seconds. Never the justification, key material or a provider's error detail.
 */
public final class RotationTicketNotes {
  private static final DateTimeFormatter DUE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private RotationTicketNotes() {}

  /** A note and the ticket state it goes with. */
  public record Note(TicketState state, String text) {}

  public static Optional<Note> forState(RotationState state) {
    String key = "The rotation of " + state.rule().usage().label() + " " + state.request().key();
    return switch (state.phase()) {
      case SCHEDULED ->
          progress(
              key
                  + " is planned for "
                  + DUE.format(state.rotationDate())
                  + " (runbook 6.3). The pre-rotation checks start at T-30",
              state.preRotationAt());
      case AWAITING_SECURITY_REVIEW ->
          progress(checks(state) + " " + key + " waits for the security review", state);
      case WAITING_FOR_ROTATION_DATE ->
          progress(
              "Security review approved by "
                  + state.securityReviewer()
                  + ". "
                  + key
                  + " waits for the rotation date",
              state);
      case AWAITING_APPROVAL ->
          progress(key + " waits for approval: " + state.rule().approvalText(), state);
      case AWAITING_EXECUTION ->
          progress(
              "Approved by "
                  + String.join(", ", state.approvals())
                  + ". "
                  + key
                  + " waits for a crypto officer or key custodian to execute it",
              state);
      case MONITORING ->
          progress(
              "Rotated by "
                  + state.executor()
                  + ": version "
                  + state.newVersion()
                  + " is active, version "
                  + state.oldVersion()
                  + " stays enabled until the post-rotation validation",
              state);
      case AWAITING_VALIDATION_DECISION ->
          progress(
              "The post-rotation round trip with version "
                  + state.newVersion()
                  + " failed; version "
                  + state.oldVersion()
                  + " stays enabled. "
                  + key
                  + " waits for a decision: retry the validation, roll back or accept",
              state);
      case AWAITING_MONITORING_REVIEW ->
          progress(
              "Version "
                  + state.newVersion()
                  + " validated. "
                  + key
                  + " waits for the security monitoring review before version "
                  + state.oldVersion()
                  + " is deactivated",
              state);
      case COMPLETED ->
          Optional.of(
              new Note(
                  TicketState.DONE,
                  "Completed: "
                      + state.request().key()
                      + " rotated to version "
                      + state.newVersion()
                      + "; version "
                      + state.oldVersion()
                      + " deactivated."));
      case ROLLED_BACK, CANCELLED, REJECTED, DENIED, EXPIRED, FAILED ->
          Optional.of(
              new Note(
                  TicketState.STOPPED,
                  key + " ended " + state.phase() + ": " + state.outcomeReason() + "."));
      default -> Optional.empty();
    };
  }

  private static Optional<Note> progress(String text, RotationState state) {
    return progress(text, state.stepDeadline());
  }

  private static Optional<Note> progress(String text, Instant due) {
    return Optional.of(
        new Note(
            TicketState.IN_PROGRESS,
            text + (due == null ? "." : ", due " + DUE.format(due) + ".")));
  }

  private static String checks(RotationState state) {
    PreRotationChecks checks = state.checks();
    if (checks == null) {
      return "Pre-rotation checks done.";
    }
    return "Pre-rotation checks: "
        + checks.dependents().size()
        + " dependent application(s), "
        + checks.dependencyFindings().size()
        + " dependency finding(s), backup "
        + (checks.backupVerified() ? "verified" : "NOT verified")
        + ", "
        + checks.stakeholdersNotified()
        + " stakeholder notice(s) sent.";
  }
}
