package io.keyward.ui.rotation;

import io.keyward.ui.pages.CeremonyStart;
import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.lifecycle.LifecycleAction;
import io.keyward.workflows.lifecycle.LifecyclePhase;
import io.keyward.workflows.lifecycle.LifecycleState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the page of a key under policy shows (runbook 6.1, 6.2): its rule and rotation mode, the
 * version in use and its expiry, what the lifecycle does next and when, the rotations so far, and
 * the approval gate when a rotation waits for it.
 */
public record LifecycleView(
    Layout layout,
    String key,
    String workflowId,
    String basePath,
    String statusPath,
    String revision,
    String temporalWebUrl,
    String phase,
    String phaseText,
    String usage,
    String classification,
    String mode,
    String interval,
    int cycle,
    String currentVersion,
    String currentExpires,
    String currentExpiresRelative,
    String newVersion,
    String nextAction,
    String nextActionAt,
    String nextActionRelative,
    String approvals,
    String awaitingRoles,
    boolean mayDecide,
    String enrolled,
    List<Rotation> rotations) {

  /** The actions that make a new version. */
  static final Set<LifecycleAction> ROTATIONS =
      EnumSet.of(
          LifecycleAction.ROTATE,
          LifecycleAction.REQUEST_ROTATION_APPROVAL,
          LifecycleAction.REMIND_MANUAL_ROTATION);

  /** A rotation the lifecycle made. */
  public record Rotation(int cycle, String from, String to, String at, String approvedBy) {}

  static LifecycleView of(
      Layout layout, LifecycleState state, Actor viewer, Instant now, String temporalWebUrl) {
    String base = LifecyclePages.pathOf(state.key());
    return new LifecycleView(
        layout,
        state.key().toString(),
        "lifecycle/" + state.key().vault() + "/" + state.key().name(),
        base,
        base + "/status",
        revision(state),
        temporalWebUrl,
        state.phase().name(),
        describe(state.phase()),
        state.usage().label(),
        state.classification().name(),
        mode(state),
        Times.period(state.rotationInterval()),
        state.cycle(),
        state.currentVersion(),
        Times.format(state.currentExpires()),
        Times.relative(state.currentExpires(), now),
        state.newVersion(),
        state.nextAction() == null ? "" : state.nextAction().name(),
        Times.format(state.nextActionAt()),
        Times.relative(state.nextActionAt(), now),
        state.approvals().isEmpty() ? null : String.join(", ", state.approvals()),
        state.awaitingRoles().stream().map(Role::name).sorted().collect(Collectors.joining(", ")),
        state.phase() == LifecyclePhase.AWAITING_ROTATION_APPROVAL
            && viewer.holdsAny(state.awaitingRoles()),
        enrolled(state),
        state.rotations().stream()
            .map(
                r ->
                    new Rotation(
                        r.cycle(),
                        r.fromVersion(),
                        r.toVersion(),
                        Times.format(r.at()),
                        String.join(", ", r.approvedBy())))
            .toList());
  }

  /** Changes whenever the lifecycle moves on, rotates or someone decides at the gate. */
  static String revision(LifecycleState state) {
    return state.phase().name()
        + "."
        + state.cycle()
        + "."
        + state.approvals().size()
        + "."
        + state.rotations().size();
  }

  /** When the key rotates next, when its next action is one that rotates; null otherwise. */
  public static Instant nextRotation(LifecycleState state) {
    return ROTATIONS.contains(state.nextAction()) ? state.nextActionAt() : null;
  }

  /** e.g. "automatic, every P1Y" or "approval gate". */
  public static String mode(LifecycleState state) {
    String mode =
        switch (state.mode()) {
          case AUTOMATIC -> "automatic";
          case APPROVAL_GATE -> "automatic after approval";
          case MANUAL -> "manual (runbook 6.3)";
        };
    return state.rotationInterval() == null
        ? mode
        : mode + ", every " + Times.period(state.rotationInterval());
  }

  static String describe(LifecyclePhase phase) {
    return switch (phase) {
      case STARTING -> "Reading the current version";
      case WAITING_TO_ROTATE -> "Waiting until 30 days before expiry";
      case AWAITING_ROTATION_APPROVAL -> "Rotation due: waiting for approval";
      case ROTATING -> "Rotating";
      case WAITING_TO_NOTIFY -> "Rotated: waiting to announce the old version's expiry";
      case WAITING_TO_RETIRE -> "Rotated: waiting to retire the old version";
      case MANUAL_ROTATION_DUE -> "A manual rotation is due";
      case EXPIRED_WITHOUT_ROTATION -> "Expired without rotation";
      case KEY_NOT_FOUND -> "The key has no enabled version";
    };
  }

  private static String enrolled(LifecycleState state) {
    String by = state.enrolledBy() == null ? "" : state.enrolledBy();
    return state.enrolledAt() == null
        ? by
        : (by + " at " + Times.format(state.enrolledAt())).strip();
  }

  /** The rotation plan form with this key filled in. */
  public String planRotationPath() {
    return CeremonyStart.PLAN_ROTATION.pathFor(KeyRef.parse(key));
  }

  /** The compromise report form with this key filled in. */
  public String reportCompromisePath() {
    return CeremonyStart.REPORT_COMPROMISE.pathFor(KeyRef.parse(key));
  }

  public boolean hasRotations() {
    return !rotations.isEmpty();
  }
}
