package io.keyward.ui.incidents;

import io.keyward.api.compromise.CompromiseResponses;
import io.keyward.ui.inbox.InboxRow;
import io.keyward.ui.inbox.WaitingSource;
import io.keyward.ui.inbox.WorkflowIds;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.compromise.CompromiseState;
import io.keyward.workflows.compromise.FollowUpTask;
import io.keyward.workflows.incident.IncidentId;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** Compromise responses in the inbox: acknowledgements and the long-term follow-up tasks. */
public final class CompromiseWaiting implements WaitingSource {
  /** The workflow type of {@link io.keyward.workflows.compromise.CompromiseResponseWorkflow}. */
  public static final String WORKFLOW_TYPE = "CompromiseResponse";

  private static final String ID_PREFIX = "compromise/";

  private final CompromiseResponses responses;

  public CompromiseWaiting(CompromiseResponses responses) {
    this.responses = responses;
  }

  @Override
  public String workflowType() {
    return WORKFLOW_TYPE;
  }

  @Override
  public Optional<InboxRow> waitingOn(String workflowId, Actor viewer) {
    Optional<IncidentId> incident = incidentOf(workflowId);
    if (incident.isEmpty()) {
      return Optional.empty();
    }
    CompromiseState state = responses.state(incident.get());
    if (state.phase().isFinal() || !viewer.holdsAny(state.awaitingRoles())) {
      return Optional.empty();
    }
    String task;
    Instant due;
    if (IncidentView.unacknowledged(state)) {
      task = "Acknowledge a key compromise";
      due = state.escalation() == null ? null : state.escalation().deadline();
    } else {
      Optional<FollowUpTask> next =
          state.followUps().stream()
              .filter(t -> t.completedBy() == null && viewer.holdsAny(t.owners()))
              .min(Comparator.comparing(FollowUpTask::dueAt));
      if (next.isEmpty()) {
        return Optional.empty();
      }
      task = "Follow up a key compromise: " + next.get().title();
      due = next.get().dueAt();
    }
    return Optional.of(
        new InboxRow(
            task,
            IncidentPages.pathOf(incident.get()),
            state.report().key().toString(),
            state.report().severity().name(),
            state.report().reporter().id(),
            state.disablement() == null ? null : state.disablement().acceptedAt(),
            due,
            viewer.id().equals(state.report().reporter().id())));
  }

  /** The incident of a {@code compromise/<incident>} workflow id; empty for any other id. */
  static Optional<IncidentId> incidentOf(String workflowId) {
    return WorkflowIds.incidentOf(ID_PREFIX, workflowId);
  }
}
