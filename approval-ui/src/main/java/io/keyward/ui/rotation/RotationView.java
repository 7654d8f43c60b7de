package io.keyward.ui.rotation;

import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import io.keyward.ui.rotation.RotationSteps.Action;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.hsm.BackupCheck;
import io.keyward.workflows.policy.ApprovalSlot;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.rotation.PreRotationChecks;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.rotation.RotationState;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the page of one manual rotation shows (runbook 6.3): the request and the rule of the
 * rotation matrix that applies, T-30 and T, what the pre-rotation checks found, the approvals, the
 * versions, the post-rotation check, the timeline, and the steps this person may take now. For the
 * rotation of an ULTRA key, {@code assertionPath} is where the page's script asks the challenge the
 * person's security key signs; null otherwise.
 */
public record RotationView(
    Layout layout,
    String key,
    String workflowId,
    String basePath,
    String statusPath,
    String revision,
    String temporalWebUrl,
    String phase,
    String phaseText,
    boolean closed,
    String outcome,
    String usage,
    String classification,
    String requester,
    String justification,
    String ticket,
    String rotationDate,
    String rotationDateRelative,
    String preRotationAt,
    String rule,
    String approvalsNeeded,
    String approvals,
    String checks,
    String securityReviewer,
    String executor,
    String oldVersion,
    String newVersion,
    String validation,
    String stepDeadline,
    String awaitingRoles,
    List<Action> actions,
    String assertionPath,
    String notYours,
    boolean mayReschedule,
    List<Entry> timeline) {

  /** A line of the timeline. */
  public record Entry(String at, String actor, String action, String detail) {}

  private static final String READING = "(being read from the key register)";

  static RotationView of(
      Layout layout, RotationState state, Actor viewer, Instant now, String temporalWebUrl) {
    RotationRequest request = state.request();
    String base = RotationPages.pathOf(request.key());
    boolean mayAct = !state.phase().isFinal() && viewer.holdsAny(state.awaitingRoles());
    return new RotationView(
        layout,
        request.key().toString(),
        RotationRequest.workflowId(request.key()),
        base,
        base + "/status",
        revision(state),
        temporalWebUrl,
        state.phase().name(),
        RotationSteps.describe(state.phase()),
        state.phase().isFinal(),
        state.outcomeReason(),
        state.rule() == null ? READING : state.rule().usage().label(),
        state.classification() == null ? "" : state.classification().name(),
        request.requester().id(),
        request.justification(),
        request.ticket(),
        Times.format(state.rotationDate()),
        Times.relative(state.rotationDate(), now),
        Times.format(state.preRotationAt()),
        state.rule() == null
            ? READING
            : "a new version every "
                + Times.period(state.rule().interval())
                + ", "
                + state.rule().method().name().toLowerCase(java.util.Locale.ROOT),
        state.rule() == null
            ? READING
            : state.rule().approvalText() + ": " + slots(state.rule().approvals()),
        state.approvals().isEmpty() ? null : String.join(", ", state.approvals()),
        checks(state.checks()),
        state.securityReviewer(),
        state.executor(),
        state.oldVersion(),
        state.newVersion(),
        state.validation() == null
            ? null
            : state.validation().operation()
                + (state.validation().passed() ? " passed" : " FAILED")
                + (state.validation().detail() == null ? "" : ": " + state.validation().detail()),
        Times.format(state.stepDeadline()),
        state.awaitingRoles().stream().map(Role::name).sorted().collect(Collectors.joining(", ")),
        mayAct ? RotationSteps.actions(state, viewer) : List.of(),
        mayAct && state.classification() == Classification.ULTRA
            ? base + "/decision-challenge"
            : null,
        mayAct || state.phase().isFinal() || state.awaitingRoles().isEmpty()
            ? null
            : "This step waits for "
                + state.awaitingRoles().stream()
                    .map(Role::name)
                    .sorted()
                    .collect(Collectors.joining(", "))
                + ".",
        state.phase().isBeforeExecution(),
        state.timeline().stream().map(RotationView::entry).toList());
  }

  /** Changes whenever the rotation moves, is rescheduled or someone decides. */
  static String revision(RotationState state) {
    return state.phase().name()
        + "."
        + state.timeline().size()
        + "."
        + state.approvals().size()
        + "."
        + (state.rotationDate() == null ? 0 : state.rotationDate().toEpochMilli());
  }

  public boolean hasActions() {
    return !actions.isEmpty();
  }

  /** The approval slots of a rule, e.g. "executive (CEO, CISO, CTO)". */
  static String slots(List<ApprovalSlot> slots) {
    return slots.stream()
        .map(
            slot ->
                slot.name()
                    + " ("
                    + slot.roles().stream()
                        .map(Role::name)
                        .sorted()
                        .collect(Collectors.joining(", "))
                    + ")")
        .collect(Collectors.joining(" + "));
  }

  private static String checks(PreRotationChecks checks) {
    if (checks == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    text.append(checks.dependents().size()).append(" dependent application(s)");
    if (!checks.dependencyFindings().isEmpty()) {
      text.append("; findings: ").append(String.join("; ", checks.dependencyFindings()));
    }
    text.append("; backup ").append(backup(checks.backup()));
    text.append("; ").append(checks.stakeholdersNotified()).append(" stakeholder(s) notified");
    return text.toString();
  }

  /** What the T-30 backup check found, in the words a reviewer needs. */
  static String backup(BackupCheck backup) {
    if (backup == null) {
      return "not checked";
    }
    if (backup.confirmedBy() != null) {
      return "confirmed by " + backup.confirmedBy() + " (" + backup.detail() + ")";
    }
    if (backup.awaitsConfirmation()) {
      return "waits for a crypto officer or key custodian to confirm it (" + backup.detail() + ")";
    }
    return backup.passed() ? "restored and verified" : "NOT verified (" + backup.detail() + ")";
  }

  private static Entry entry(TimelineEntry entry) {
    return new Entry(Times.format(entry.at()), entry.actor(), entry.action(), entry.detail());
  }
}
