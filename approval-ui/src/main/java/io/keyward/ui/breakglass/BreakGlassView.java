package io.keyward.ui.breakglass;

import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.breakglass.BreakGlassLevel;
import io.keyward.workflows.breakglass.BreakGlassPhase;
import io.keyward.workflows.breakglass.BreakGlassState;
import io.keyward.workflows.breakglass.ScopeAssessment;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the page of one break-glass session shows (runbook 8.3): the declaration, the level its
 * scope needs and the approvals so far, the live access with its countdown to revocation, every
 * action recorded under it, the review, and the steps this person may take now.
 */
public record BreakGlassView(
    Layout layout,
    String incident,
    String workflowId,
    String basePath,
    String statusPath,
    String revision,
    String temporalWebUrl,
    String phase,
    String phaseText,
    boolean closed,
    String outcome,
    Declaration declaration,
    Level level,
    List<String> approvals,
    String deniedBy,
    Grant grant,
    Revocation revocation,
    List<Action> actions,
    String reviewer,
    String findings,
    String deadline,
    String deadlineRelative,
    String awaitingRoles,
    boolean mayAuthorise,
    String assertionPath,
    boolean mayEnd,
    boolean mayRecord,
    boolean mayReview,
    List<Entry> timeline) {

  /** The declaration as it was made. */
  public record Declaration(
      String scope, String reason, String admin, String declarer, String minutes) {}

  /** The authorisation level, why, and what it needs. */
  public record Level(String name, String needs, String reason) {}

  /** The access granted; {@code expiresAtMillis} drives the live countdown. */
  public record Grant(
      String holder, String grantedAt, String expiresAt, long expiresAtMillis, boolean live) {}

  /** How the access ended. */
  public record Revocation(String at, String reason, boolean verified) {}

  /** An action recorded under the access. */
  public record Action(
      int sequence, String at, String actor, String key, String action, String detail) {}

  /** A line of the timeline. */
  public record Entry(String at, String actor, String action, String detail) {}

  static BreakGlassView of(
      Layout layout, BreakGlassState state, Actor viewer, Instant now, String temporalWebUrl) {
    BreakGlassDeclaration declaration = state.declaration();
    String base = BreakGlassPages.pathOf(declaration.incident());
    BreakGlassPhase phase = state.phase();
    boolean awaitsViewer = !phase.isFinal() && viewer.holdsAny(state.awaitingRoles());
    AccessGrant grant = state.grant();
    return new BreakGlassView(
        layout,
        declaration.incident().value(),
        BreakGlassDeclaration.workflowId(declaration.incident()),
        base,
        base + "/status",
        revision(state),
        temporalWebUrl,
        phase.name(),
        describe(phase),
        phase.isFinal(),
        state.outcomeReason(),
        new Declaration(
            declaration.scope().describe(),
            declaration.reason(),
            declaration.admin().id(),
            declaration.declarer().id(),
            Long.toString(declaration.duration().toMinutes())),
        level(state.assessment()),
        state.approvals().stream()
            .map(a -> a.approver() + " as " + a.role() + " at " + Times.format(a.at()))
            .toList(),
        state.deniedBy(),
        grant == null
            ? null
            : new Grant(
                grant.holder(),
                Times.format(grant.grantedAt()),
                Times.format(grant.expiresAt()),
                grant.expiresAt().toEpochMilli(),
                phase == BreakGlassPhase.ACTIVE && grant.liveAt(now)),
        state.revokedAt() == null
            ? null
            : new Revocation(
                Times.format(state.revokedAt()),
                state.revocationReason(),
                state.revocation() != null && state.revocation().verifiedAbsent()),
        state.actions().stream()
            .map(
                a ->
                    new Action(
                        a.sequence(),
                        Times.format(a.at()),
                        a.actor(),
                        a.key() == null ? "" : a.key().toString(),
                        a.action(),
                        a.detail()))
            .toList(),
        state.reviewer(),
        state.findings(),
        Times.format(state.deadline()),
        Times.relative(state.deadline(), now),
        roles(state),
        awaitsViewer && phase == BreakGlassPhase.AWAITING_AUTHORISATION,
        signedLevel(state) ? base + "/decision-challenge" : null,
        phase == BreakGlassPhase.ACTIVE,
        phase == BreakGlassPhase.ACTIVE && grant != null && viewer.id().equals(grant.holder()),
        awaitsViewer
            && (phase == BreakGlassPhase.AWAITING_REVIEW
                || phase == BreakGlassPhase.REVIEW_OVERDUE),
        state.timeline().stream().map(BreakGlassView::entry).toList());
  }

  /** Level 2 and 3 authorisations are signed by the approver's own security key. */
  static boolean signedLevel(BreakGlassState state) {
    return state.assessment() != null && state.assessment().level() != BreakGlassLevel.L1;
  }

  /** Changes whenever the session moves, someone approves or an action is recorded. */
  static String revision(BreakGlassState state) {
    return state.phase().name()
        + "."
        + state.timeline().size()
        + "."
        + state.actions().size()
        + "."
        + state.approvals().size();
  }

  /** The inbox's words for what the session waits for. */
  static String task(BreakGlassState state) {
    return switch (state.phase()) {
      case AWAITING_AUTHORISATION -> "Authorise break-glass access";
      case AWAITING_REVIEW -> "Review a break-glass session";
      case REVIEW_OVERDUE -> "Review a break-glass session (overdue)";
      default -> "Break-glass session " + state.phase();
    };
  }

  /** The level, e.g. {@code L2}, or empty while the scope is assessed. */
  static String level(BreakGlassState state) {
    return state.assessment() == null ? "" : state.assessment().level().name();
  }

  static String describe(BreakGlassPhase phase) {
    return switch (phase) {
      case ASSESSING_SCOPE -> "Assessing the keys in scope";
      case AWAITING_AUTHORISATION -> "Waiting for authorisation";
      case GRANTING -> "Granting access";
      case ACTIVE -> "Access active";
      case REVOKING -> "Revoking access";
      case AWAITING_REVIEW -> "Access revoked: post-incident review due";
      case REVIEW_OVERDUE -> "Access revoked: post-incident review overdue (escalated)";
      case CLOSED -> "Closed";
      case DENIED -> "Denied";
      case EXPIRED -> "Expired without authorisation";
      case FAILED -> "Failed";
    };
  }

  public boolean hasActions() {
    return !actions.isEmpty();
  }

  public boolean hasApprovals() {
    return !approvals.isEmpty();
  }

  private static Level level(ScopeAssessment assessment) {
    if (assessment == null) {
      return null;
    }
    return new Level(
        assessment.level().name(), assessment.level().runbookText(), assessment.reason());
  }

  private static String roles(BreakGlassState state) {
    return state.awaitingRoles().stream()
        .map(Role::name)
        .sorted()
        .collect(Collectors.joining(", "));
  }

  private static Entry entry(TimelineEntry entry) {
    return new Entry(Times.format(entry.at()), entry.actor(), entry.action(), entry.detail());
  }
}
