package io.keyward.ui.generation;

import io.keyward.api.access.GenerationAccess;
import io.keyward.ui.generation.GenerationSteps.Action;
import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.ClassificationPolicy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the page of one generation request shows; built from the ceremony's query. On an ULTRA
 * request, {@code assertionPath} is where the page's script asks for the challenge the person's
 * security key signs before the decision is sent.
 */
public record GenerationPage(
    Layout layout,
    String workflowId,
    String key,
    String decisionsPath,
    String statusPath,
    String revision,
    String temporalWebUrl,
    Request request,
    Policy policy,
    String phase,
    String phaseText,
    boolean closed,
    String outcome,
    String approvals,
    String approvers,
    Participants participants,
    Version version,
    String stepDeadline,
    String stepDeadlineRelative,
    String awaitingRoles,
    List<Action> actions,
    String notYours,
    List<Entry> timeline,
    String assertionPath) {

  /** The request as its requester made it. */
  public record Request(
      String spec,
      String classification,
      String justification,
      String requester,
      String ticket,
      String requestedAt,
      String operations) {}

  /** The policy of the classification and why it applies. */
  public record Policy(String quorum, String eligibleRoles, String protection, String rationale) {}

  /** Who acted at the later steps; null fields are shown as not yet. */
  public record Participants(String custodian1, String custodian2, String securityValidator) {}

  /** The generated key version's public attributes. */
  public record Version(String version, boolean enabled, String expires, String operations) {}

  /** A line of the timeline. */
  public record Entry(String at, String actor, String action, String detail) {}

  static GenerationPage of(
      Layout layout, GenerationState state, Actor viewer, Instant now, String temporalWebUrl) {
    GenerationRequest request = state.request();
    ClassificationPolicy policy = state.policy();
    String key = request.key().toString();
    String base = GenerationPages.pathOf(request.key());
    boolean mayAct = GenerationAccess.mayActNow(viewer, state);
    List<Action> actions = mayAct ? GenerationSteps.actions(state.phase()) : List.of();
    String notYours =
        state.phase().isFinal() || mayAct || state.awaitingRoles().isEmpty()
            ? null
            : "This step waits for "
                + names(state.awaitingRoles())
                + "; you hold "
                + (viewer.roles().isEmpty() ? "no role" : names(viewer.roles()))
                + ".";
    return new GenerationPage(
        layout,
        GenerationRequest.workflowId(request.key()),
        key,
        base + "/decisions",
        base + "/status",
        revision(state),
        temporalWebUrl,
        new Request(
            request.spec().describe(),
            request.classification().name(),
            request.justification(),
            request.requester().id(),
            request.ticket(),
            requestedAt(state),
            names(request.spec().operations())),
        new Policy(
            policy.quorumText(),
            names(policy.approverRoles()),
            policy.protection().name(),
            policy.rationale()),
        state.phase().name(),
        GenerationSteps.describe(state.phase()),
        state.phase().isFinal(),
        state.outcomeReason(),
        state.approvers().size() + " of " + policy.quorum() + " approvals",
        String.join(", ", state.approvers()),
        new Participants(state.custodian1(), state.custodian2(), state.securityValidator()),
        version(state.keyVersion()),
        Times.format(state.stepDeadline()),
        Times.relative(state.stepDeadline(), now),
        names(state.awaitingRoles()),
        actions,
        notYours,
        state.timeline().stream().map(GenerationPage::entry).toList(),
        request.classification() == Classification.ULTRA ? base + "/decision-challenge" : null);
  }

  /** Changes whenever the ceremony moves or someone decides; the page reloads when it changes. */
  static String revision(GenerationState state) {
    return state.phase().name() + "." + state.timeline().size();
  }

  private static String requestedAt(GenerationState state) {
    return state.timeline().isEmpty() ? "" : Times.format(state.timeline().get(0).at());
  }

  private static Version version(KeyVersionInfo info) {
    if (info == null) {
      return null;
    }
    return new Version(
        info.version(), info.enabled(), Times.format(info.expires()), names(info.operations()));
  }

  private static Entry entry(TimelineEntry entry) {
    return new Entry(Times.format(entry.at()), entry.actor(), entry.action(), entry.detail());
  }

  static String names(Collection<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
  }

  public boolean hasActions() {
    return !actions.isEmpty();
  }
}
