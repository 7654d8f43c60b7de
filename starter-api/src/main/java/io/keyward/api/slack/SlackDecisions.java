package io.keyward.api.slack;

import io.keyward.activities.audit.AuditStore;
import io.keyward.activities.directory.Directory;
import io.keyward.activities.directory.DirectoryUser;
import io.keyward.activities.integration.RequestLinks;
import io.keyward.activities.slack.SlackActions;
import io.keyward.api.errors.ConflictException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.generation.DecisionBody;
import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.DecisionType;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.generation.GenerationState;
import io.keyward.workflows.policy.Classification;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Takes the Approve and Deny clicks of Slack messages as decisions, through {@link
 * GenerationCeremonies#decide} exactly as the API and the web pages do, so the ceremony's own
 * refusals apply (self-approval, a second vote, a role that may not approve, a closed request). The
 * person is the directory user mapped to the Slack user id, never a name from the payload. ULTRA
 * decisions are never taken from Slack: the answer links to the request page instead.
 */
final class SlackDecisions {
  private final Map<String, String> users;
  private final Directory directory;
  private final GenerationCeremonies generations;
  private final AuditStore audit;
  private final RequestLinks links;
  private final Clock clock;

  SlackDecisions(
      Map<String, String> users,
      Directory directory,
      GenerationCeremonies generations,
      AuditStore audit,
      RequestLinks links,
      Clock clock) {
    this.users = Map.copyOf(users);
    this.directory = directory;
    this.generations = generations;
    this.audit = audit;
    this.links = links;
    this.clock = clock;
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
    DecisionType type = decisionOf(click.actionId());
    if (!"block_actions".equals(click.type()) || type == null) {
      return Optional.empty();
    }
    if (!SlackActions.decidable(click.value())) {
      return reply("This button does not name a request Keyward knows; nothing was decided.");
    }
    String[] parts = click.value().split("/");
    KeyRef key = new KeyRef(parts[1], parts[2]);
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
    GenerationState state;
    try {
      state = generations.state(key);
    } catch (NotFoundException unknown) {
      return reply("There is no generation request for " + key + "; nothing was decided.");
    }
    if (state.request().classification() == Classification.ULTRA) {
      String refusal = "ULTRA decisions are never taken from Slack; decide in Keyward at " + page;
      recordRefusal(key, person.get().id(), type, refusal);
      return reply(refusal);
    }
    try {
      GenerationState after =
          generations.decide(key, person.get().toActor(), new DecisionBody(type, reasonFor(type)));
      return reply(confirmation(type, key, after, page));
    } catch (ConflictException refused) {
      return reply("Keyward refused your " + type + ": " + refused.getMessage());
    }
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

  private void recordRefusal(KeyRef key, String who, DecisionType type, String refusal) {
    audit.append(
        new AuditEvent(
            UUID.randomUUID().toString(),
            GenerationRequest.workflowId(key),
            GenerationCeremonies.DECISION_REFUSED,
            who,
            clock.instant(),
            Map.of("decision", type.name(), "refusal", refusal, "channel", "slack")));
  }

  private static Optional<SlackReply> reply(String text) {
    return Optional.of(new SlackReply(text));
  }
}
