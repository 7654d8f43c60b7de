package io.keyward.ui.rotation;

import io.keyward.api.rotation.ManualRotations;
import io.keyward.ui.inbox.InboxRow;
import io.keyward.ui.inbox.WaitingSource;
import io.keyward.ui.inbox.WorkflowIds;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.rotation.RotationState;
import java.time.Instant;
import java.util.Optional;

/** Manual rotations in the inbox: the security review, approvals at T, execution, T+7. */
public final class RotationWaiting implements WaitingSource {
  /** The workflow type of {@link io.keyward.workflows.rotation.ManualRotationWorkflow}. */
  public static final String WORKFLOW_TYPE = "ManualRotation";

  private final ManualRotations rotations;

  public RotationWaiting(ManualRotations rotations) {
    this.rotations = rotations;
  }

  @Override
  public String workflowType() {
    return WORKFLOW_TYPE;
  }

  @Override
  public Optional<InboxRow> waitingOn(String workflowId, Actor viewer) {
    Optional<KeyRef> key = WorkflowIds.keyOf("rotation/", workflowId);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    RotationState state = rotations.state(key.get());
    if (state.phase().isFinal() || !viewer.holdsAny(state.awaitingRoles())) {
      return Optional.empty();
    }
    Instant since =
        state.timeline().isEmpty() ? null : state.timeline().get(state.timeline().size() - 1).at();
    return Optional.of(
        new InboxRow(
            RotationSteps.task(state, viewer),
            RotationPages.pathOf(key.get()),
            key.get().toString(),
            state.classification() == null ? "" : state.classification().name(),
            state.request().requester().id(),
            since,
            state.stepDeadline(),
            viewer.id().equals(state.request().requester().id())));
  }
}
