package io.keyward.ui.classification;

import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import io.keyward.workflows.classification.ClassificationChangeRequest;
import io.keyward.workflows.classification.ClassificationChangeState;
import io.keyward.workflows.classification.ClassificationPhase;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.policy.Classification;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the page of one classification change shows: the key's facts before and as asked, the quorum
 * that decides (the higher of the old and new classification), the decisions so far and the buttons
 * for an approver. When the ULTRA quorum decides, {@code assertionPath} is where the page's script
 * asks for the challenge the person's security key signs before the decision is sent.
 */
public record ClassificationView(
    Layout layout,
    String key,
    String workflowId,
    String basePath,
    String statusPath,
    String revision,
    String phase,
    String phaseText,
    boolean closed,
    String outcome,
    String before,
    String asked,
    String owner,
    String justification,
    String requester,
    String quorum,
    String eligibleRoles,
    String approvers,
    String denier,
    String awaitingRoles,
    String deadline,
    String deadlineRelative,
    boolean mayDecide,
    String assertionPath,
    List<Entry> timeline) {

  /** A line of the timeline. */
  public record Entry(String at, String actor, String action, String detail) {}

  static ClassificationView of(
      Layout layout, ClassificationChangeState state, Actor viewer, Instant now) {
    ClassificationChangeRequest request = state.request();
    String base = ClassificationPages.pathOf(request.key());
    ClassificationPhase phase = state.phase();
    boolean ultra =
        state.policy() != null && state.policy().classification() == Classification.ULTRA;
    boolean mayDecide = mayDecide(state, viewer);
    return new ClassificationView(
        layout,
        request.key().toString(),
        ClassificationChangeRequest.workflowId(request.key()),
        base,
        base + "/status",
        revision(state),
        phase.name(),
        phase.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT),
        phase.isFinal(),
        state.outcomeReason(),
        state.before() == null
            ? "not in the key register (counts as ULTRA)"
            : state.before().classification() + " " + state.before().usage(),
        request.classification() + " " + request.usage(),
        request.owner() == null ? null : request.owner().describe(),
        request.justification(),
        request.requester().id(),
        state.policy() == null
            ? "being read"
            : state.policy().classification() + " " + state.policy().quorumText(),
        state.policy() == null ? "" : roles(state.policy().approverRoles()),
        String.join(", ", state.approvers()),
        state.denier(),
        roles(state.awaitingRoles()),
        Times.format(state.stepDeadline()),
        Times.relative(state.stepDeadline(), now),
        mayDecide,
        mayDecide && ultra ? base + "/decision-challenge" : null,
        state.timeline().stream().map(ClassificationView::entry).toList());
  }

  /** Whether {@code viewer} may approve or deny now (the ceremony's validator decides finally). */
  static boolean mayDecide(ClassificationChangeState state, Actor viewer) {
    return state.phase() == ClassificationPhase.AWAITING_APPROVAL
        && state.policy() != null
        && viewer.holdsAny(state.policy().approverRoles())
        && !viewer.id().equals(state.request().requester().id())
        && !state.approvers().contains(viewer.id());
  }

  /** Changes whenever the change moves or someone decides. */
  static String revision(ClassificationChangeState state) {
    return state.phase().name() + "." + state.timeline().size();
  }

  private static String roles(java.util.Collection<Role> roles) {
    return new TreeSet<>(roles).stream().map(Role::name).collect(Collectors.joining(", "));
  }

  private static Entry entry(TimelineEntry entry) {
    return new Entry(Times.format(entry.at()), entry.actor(), entry.action(), entry.detail());
  }
}
