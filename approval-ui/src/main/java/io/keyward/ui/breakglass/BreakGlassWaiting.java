package io.keyward.ui.breakglass;

import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.ui.inbox.InboxRow;
import io.keyward.ui.inbox.WaitingSource;
import io.keyward.ui.inbox.WorkflowIds;
import io.keyward.workflows.breakglass.BreakGlassPhase;
import io.keyward.workflows.breakglass.BreakGlassState;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.incident.IncidentId;
import java.time.Instant;
import java.util.Optional;

/** Break-glass sessions in the inbox: authorisations and post-incident reviews. */
public final class BreakGlassWaiting implements WaitingSource {
  /** The workflow type of {@link io.keyward.workflows.breakglass.BreakGlassWorkflow}. */
  public static final String WORKFLOW_TYPE = "BreakGlass";

  private static final String ID_PREFIX = "breakglass/";

  private final BreakGlassSessions sessions;

  public BreakGlassWaiting(BreakGlassSessions sessions) {
    this.sessions = sessions;
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
    BreakGlassState state = sessions.state(incident.get());
    if (state.phase().isFinal() || !viewer.holdsAny(state.awaitingRoles())) {
      return Optional.empty();
    }
    Instant since =
        state.phase() == BreakGlassPhase.AWAITING_AUTHORISATION || state.revokedAt() == null
            ? firstEntry(state)
            : state.revokedAt();
    return Optional.of(
        new InboxRow(
            BreakGlassView.task(state),
            BreakGlassPages.pathOf(incident.get()),
            state.declaration().scope().describe(),
            BreakGlassView.level(state),
            state.declaration().declarer().id(),
            since,
            state.deadline(),
            viewer.id().equals(state.declaration().declarer().id())
                || viewer.id().equals(state.declaration().admin().id())));
  }

  /** The incident of a {@code breakglass/<incident>} workflow id; empty for any other id. */
  static Optional<IncidentId> incidentOf(String workflowId) {
    return WorkflowIds.incidentOf(ID_PREFIX, workflowId);
  }

  private static Instant firstEntry(BreakGlassState state) {
    return state.timeline().isEmpty() ? null : state.timeline().get(0).at();
  }
}
