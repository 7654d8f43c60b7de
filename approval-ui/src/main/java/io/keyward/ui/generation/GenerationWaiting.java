package io.keyward.ui.generation;

import io.keyward.api.access.GenerationAccess;
import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.ui.inbox.InboxRow;
import io.keyward.ui.inbox.WaitingSource;
import io.keyward.ui.inbox.WorkflowIds;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.GenerationState;
import java.time.Instant;
import java.util.Optional;

/** Generation ceremonies in the inbox: approvals, custodian steps and security registration. */
public final class GenerationWaiting implements WaitingSource {
  /** The workflow type of {@link io.keyward.workflows.generation.KeyGenerationWorkflow}. */
  public static final String WORKFLOW_TYPE = "KeyGeneration";

  private static final String ID_PREFIX = "keygen/";

  private final GenerationCeremonies ceremonies;

  public GenerationWaiting(GenerationCeremonies ceremonies) {
    this.ceremonies = ceremonies;
  }

  @Override
  public String workflowType() {
    return WORKFLOW_TYPE;
  }

  @Override
  public Optional<InboxRow> waitingOn(String workflowId, Actor viewer) {
    Optional<KeyRef> key = WorkflowIds.keyOf(ID_PREFIX, workflowId);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    GenerationState state = ceremonies.state(key.get());
    if (!GenerationAccess.mayActNow(viewer, state)) {
      return Optional.empty();
    }
    Instant due = state.stepDeadline();
    Instant since = due == null ? null : due.minus(state.request().stepTimeout());
    return Optional.of(
        new InboxRow(
            GenerationSteps.task(state.phase()),
            GenerationPages.pathOf(key.get()),
            key.get().toString(),
            state.request().classification().name(),
            state.request().requester().id(),
            since,
            due,
            viewer.id().equals(state.request().requester().id())));
  }
}
