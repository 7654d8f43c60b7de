package io.keyward.api.slack;

import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.api.compromise.CompromiseResponses;
import io.keyward.api.errors.ConflictException;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.HiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.api.keys.KeyLifecycles;
import io.keyward.api.refusal.Refusals;
import io.keyward.api.rotation.ManualRotations;
import io.keyward.workflows.breakglass.Authorisation;
import io.keyward.workflows.breakglass.AuthorisationDecision;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.breakglass.BreakGlassLevel;
import io.keyward.workflows.breakglass.BreakGlassState;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.compromise.Acknowledgement;
import io.keyward.workflows.compromise.CompromiseState;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.generation.Decision;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.integration.RequestLinks;
import io.keyward.workflows.lifecycle.GateDecision;
import io.keyward.workflows.lifecycle.GateDecisionType;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.LifecycleState;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.SlackActions;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.rotation.RotationDecision;
import io.keyward.workflows.rotation.RotationDecisionType;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.rotation.RotationState;
import io.keyward.workflows.webauthn.HeldCredentials;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Takes the Approve, Deny and Acknowledge clicks of Slack messages as decisions, through the same
 * service method the API and the web pages use ({@link GenerationCeremonies#decide}, {@link
 * ManualRotations#decide}, {@link KeyLifecycles#decide}, {@link BreakGlassSessions#authorise},
 * {@link CompromiseResponses#acknowledge}), so the ceremony's own refusals apply (self-approval, a
 * second vote, a role that may not approve, a step that no longer waits). The person is the
 * directory user mapped to the Slack user id, never a name from the payload. ULTRA-scoped decisions
 * (an ULTRA key's generation or rotation, a Level 2 or 3 break-glass session) are never taken from
 * Slack: the answer links to the request page instead.
 */
final class SlackDecisions {
  /**
   * A click in Slack proves no recent sign-in: decisions that need one (ULTRA, level 2 and 3) are
   * refused before they get here, and the others need none.
   */
  private static final java.time.Instant SLACK_SIGN_IN = null;

  private static final String ULTRA_ROTATION =
      "ULTRA decisions are never taken from Slack; decide on this rotation in Keyward at ";

  /** Decisions on a manual rotation of an ULTRA key are signed by the decider's security key. */
  private static final String ULTRA_MANUAL_ROTATION =
      "ULTRA rotation decisions are never taken from Slack: they are signed by your own security"
          + " key; "
          + HeldCredentials.WHERE_TO_DECIDE
          + ", ";

  private final Map<String, String> users;
  private final Directory directory;
  private final GenerationCeremonies generations;
  private final ManualRotations rotations;
  private final BreakGlassSessions breakGlass;
  private final KeyLifecycles lifecycles;
  private final CompromiseResponses compromises;
  private final Refusals refusals;
  private final RequestLinks links;

  SlackDecisions(
      Map<String, String> users,
      Directory directory,
      GenerationCeremonies generations,
      ManualRotations rotations,
      BreakGlassSessions breakGlass,
      KeyLifecycles lifecycles,
      CompromiseResponses compromises,
      Refusals refusals,
      RequestLinks links) {
    this.users = Map.copyOf(users);
    this.directory = directory;
    this.generations = generations;
    this.rotations = rotations;
    this.breakGlass = breakGlass;
    this.lifecycles = lifecycles;
    this.compromises = compromises;
    this.refusals = refusals;
    this.links = links;
    TreeSet<String> missing = new TreeSet<>();
    users.forEach(
        (slackId, id) -> {
          if (directory.find(id).isEmpty()) {
            missing.add(slackId + " -> " + id);
          }
        });
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "slack.users maps to users the directory does not have: " + missing);
    }
  }

  /** The answer for the person who clicked; empty for clicks that decide nothing (links). */
  Optional<SlackReply> handle(SlackInteraction click) {
    boolean acknowledgement = SlackActions.ACKNOWLEDGE.equals(click.actionId());
    DecisionType type = decisionOf(click.actionId());
    if (!"block_actions".equals(click.type()) || (type == null && !acknowledgement)) {
      return Optional.empty();
    }
    Optional<SlackActions.Ceremony> ceremony = SlackActions.ceremonyOf(click.value());
    if (ceremony.isEmpty()) {
      return reply("This button does not name a request Keyward knows; nothing was decided.");
    }
    if ((ceremony.get().answer() == NoticeAction.ACKNOWLEDGE) != acknowledgement) {
      return reply(
          "This button does not fit "
              + click.value()
              + ": it takes "
              + (acknowledgement ? "Approve or Deny" : "Acknowledge")
              + "; nothing was decided.");
    }
    String page = links.pageFor(click.value());
    Optional<DirectoryUser> person =
        Optional.ofNullable(click.userId() == null ? null : users.get(click.userId()))
            .flatMap(directory::find);
    if (person.isEmpty()) {
      return reply(
          "Your Slack account is not linked to a Keyward user, so nothing was decided. Ask a"
              + " Keyward administrator to add it to slack.users, or decide at "
              + page);
    }
    String[] parts = click.value().split("/");
    return switch (ceremony.get()) {
      case GENERATION -> generation(new KeyRef(parts[1], parts[2]), person.get(), type, page);
      case ROTATION -> rotation(new KeyRef(parts[1], parts[2]), person.get(), type, page);
      case LIFECYCLE -> lifecycleGate(new KeyRef(parts[1], parts[2]), person.get(), type, page);
      case BREAK_GLASS -> breakGlass(parts[1], person.get(), type, page);
      case COMPROMISE -> acknowledge(parts[1], person.get(), page);
    };
  }

  private Optional<SlackReply> generation(
      KeyRef key, DirectoryUser person, DecisionType type, String page) {
    GenerationState state;
    try {
      state = generations.visibleState(person.toActor(), key);
    } catch (NotFoundException unknown) {
      return reply("There is no generation request for " + key + "; nothing was decided.");
    } catch (HiddenException hidden) {
      return hiddenInChat(GenerationRequest.workflowId(key), person, type, hidden);
    }
    if (state.request().classification() == Classification.ULTRA) {
      return refuseInChat(
          GenerationRequest.workflowId(key),
          person,
          type,
          "ULTRA decisions are never taken from Slack: "
              + HeldCredentials.WHERE_TO_DECIDE
              + ", "
              + page);
    }
    return attempt(
        type.name(),
        () ->
            confirmation(
                type,
                key,
                generations.decide(
                    key, new Decision(person.toActor(), type, reasonFor(type)), SLACK_SIGN_IN),
                page));
  }

  private Optional<SlackReply> rotation(
      KeyRef key, DirectoryUser person, DecisionType type, String page) {
    RotationState state;
    try {
      state = rotations.visibleState(person.toActor(), key);
    } catch (NotFoundException unknown) {
      return reply("There is no rotation planned for " + key + "; nothing was decided.");
    } catch (HiddenException hidden) {
      return hiddenInChat(RotationRequest.workflowId(key), person, type, hidden);
    }
    if (state.classification() == Classification.ULTRA) {
      return refuseInChat(
          RotationRequest.workflowId(key), person, type, ULTRA_MANUAL_ROTATION + page);
    }
    RotationDecisionType decision =
        type == DecisionType.APPROVE ? RotationDecisionType.APPROVE : RotationDecisionType.DENY;
    return attempt(
        type.name(),
        () -> {
          RotationState after =
              rotations.decide(
                  key, new RotationDecision(person.toActor(), decision, reasonFor(type)));
          return outcome(type, "the rotation of " + key, "it is now " + after.phase(), page);
        });
  }

  private Optional<SlackReply> lifecycleGate(
      KeyRef key, DirectoryUser person, DecisionType type, String page) {
    LifecycleState state;
    try {
      state = lifecycles.visibleState(person.toActor(), key);
    } catch (NotFoundException unknown) {
      return reply(key + " is not enrolled in automatic rotation; nothing was decided.");
    } catch (HiddenException hidden) {
      return hiddenInChat(LifecycleInput.workflowId(key), person, type, hidden);
    }
    if (state.classification() == Classification.ULTRA) {
      return refuseInChat(LifecycleInput.workflowId(key), person, type, ULTRA_ROTATION + page);
    }
    GateDecisionType decision =
        type == DecisionType.APPROVE ? GateDecisionType.APPROVE : GateDecisionType.DENY;
    return attempt(
        type.name(),
        () -> {
          LifecycleState after =
              lifecycles.decide(key, new GateDecision(person.toActor(), decision, reasonFor(type)));
          return outcome(
              type,
              "the automatic rotation of " + key,
              "its lifecycle is now " + after.phase(),
              page);
        });
  }

  private Optional<SlackReply> breakGlass(
      String incidentText, DirectoryUser person, DecisionType type, String page) {
    IncidentId incident;
    BreakGlassState state;
    try {
      incident = new IncidentId(incidentText);
      state = breakGlass.visibleState(person.toActor(), incident);
    } catch (IllegalArgumentException | NotFoundException unknown) {
      return reply(
          "There is no break-glass session for incident "
              + incidentText
              + "; nothing was decided.");
    } catch (HiddenException hidden) {
      return hiddenInChat(
          BreakGlassDeclaration.workflowId(new IncidentId(incidentText)), person, type, hidden);
    }
    if (state.assessment() == null || state.assessment().level() != BreakGlassLevel.L1) {
      return refuseInChat(
          BreakGlassDeclaration.workflowId(incident),
          person,
          type,
          (state.assessment() == null
                  ? "This break-glass session's authorisation level is not assessed yet"
                  : "Level "
                      + state.assessment().level().name().substring(1)
                      + " break-glass authorisations are ULTRA-scoped and never taken from Slack:"
                      + " they are signed by your own security key; "
                      + HeldCredentials.WHERE_TO_DECIDE)
              + ", "
              + page);
    }
    AuthorisationDecision decision =
        type == DecisionType.APPROVE ? AuthorisationDecision.APPROVE : AuthorisationDecision.DENY;
    return attempt(
        type.name(),
        () -> {
          BreakGlassState after =
              breakGlass.authorise(
                  incident,
                  new Authorisation(person.toActor(), decision, reasonFor(type)),
                  SLACK_SIGN_IN);
          return (type == DecisionType.APPROVE ? "You authorised" : "You denied")
              + " the break-glass session of "
              + incident
              + "; it is now "
              + after.phase()
              + ". "
              + page;
        });
  }

  /**
   * An acknowledgement says "I am responding" and authorises nothing, so it is taken from Slack for
   * every classification; the response checks the person's role as it would on the web page.
   */
  private Optional<SlackReply> acknowledge(String incidentText, DirectoryUser person, String page) {
    try {
      IncidentId incident = new IncidentId(incidentText);
      return attempt(
          "acknowledgement",
          () -> {
            CompromiseState after =
                compromises.acknowledge(
                    incident, new Acknowledgement(person.toActor(), "acknowledged in Slack"));
            return "You acknowledged incident "
                + incident
                + "; the response is "
                + after.phase()
                + ". "
                + page;
          });
    } catch (IllegalArgumentException | NotFoundException unknown) {
      return reply(
          "There is no compromise response for incident "
              + incidentText
              + "; nothing was acknowledged.");
    }
  }

  /** The ceremony's answer, or its refusal in its own words. */
  private static Optional<SlackReply> attempt(String what, Supplier<String> decide) {
    try {
      return reply(decide.get());
    } catch (ConflictException | ForbiddenException refused) {
      return reply("Keyward refused your " + what + ": " + refused.getMessage());
    }
  }

  /** A decision policy keeps out of chat: refused, audited, answered with the page. */
  private Optional<SlackReply> refuseInChat(
      String workflowId, DirectoryUser person, DecisionType type, String refusal) {
    refusals.record(workflowId, person.id(), type.name(), refusal, Map.of("channel", "slack"));
    return reply(refusal);
  }

  /**
   * A click by someone who may not see the request: refused and audited in the words the API and
   * the pages answer them, and nothing more about the request.
   */
  private Optional<SlackReply> hiddenInChat(
      String workflowId, DirectoryUser person, DecisionType type, HiddenException hidden) {
    refusals.record(
        workflowId, person.id(), type.name(), hidden.getMessage(), Map.of("channel", "slack"));
    return reply("Keyward refused your " + type.name() + ": " + hidden.getMessage());
  }

  private static String outcome(DecisionType type, String what, String now, String page) {
    return (type == DecisionType.APPROVE ? "You approved " : "You denied ")
        + what
        + "; "
        + now
        + ". "
        + page;
  }

  private static DecisionType decisionOf(String actionId) {
    if (SlackActions.APPROVE.equals(actionId)) {
      return DecisionType.APPROVE;
    }
    if (SlackActions.DENY.equals(actionId)) {
      return DecisionType.DENY;
    }
    return null;
  }

  private static String reasonFor(DecisionType type) {
    return type == DecisionType.APPROVE ? "approved in Slack" : "denied in Slack";
  }

  private static String confirmation(
      DecisionType type, KeyRef key, GenerationState after, String page) {
    String done =
        type == DecisionType.APPROVE
            ? "You approved "
                + key
                + " ("
                + after.approvers().size()
                + " of "
                + after.policy().quorum()
                + " approvals)"
            : "You denied " + key;
    return done + "; it is now " + after.phase() + ". " + page;
  }

  private static Optional<SlackReply> reply(String text) {
    return Optional.of(new SlackReply(text));
  }
}
