package io.keyward.ui.rotation;

import io.keyward.api.keys.KeyLifecycles;
import io.keyward.ui.inbox.InboxRow;
import io.keyward.ui.inbox.WaitingSource;
import io.keyward.ui.inbox.WorkflowIds;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.lifecycle.LifecyclePhase;
import io.keyward.workflows.lifecycle.LifecycleState;
import io.keyward.workflows.policy.RotationMatrix;
import java.util.Optional;

/** Key lifecycles in the inbox: an automatic rotation waiting at its approval gate. */
public final class LifecycleWaiting implements WaitingSource {
  /** The workflow type of {@link io.keyward.workflows.lifecycle.KeyLifecycleWorkflow}. */
  public static final String WORKFLOW_TYPE = "KeyLifecycle";

  private final KeyLifecycles lifecycles;

  public LifecycleWaiting(KeyLifecycles lifecycles) {
    this.lifecycles = lifecycles;
  }

  @Override
  public String workflowType() {
    return WORKFLOW_TYPE;
  }

  @Override
  public Optional<InboxRow> waitingOn(String workflowId, Actor viewer) {
    Optional<KeyRef> key = WorkflowIds.keyOf("lifecycle/", workflowId);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    LifecycleState state = lifecycles.state(key.get());
    if (state.phase() != LifecyclePhase.AWAITING_ROTATION_APPROVAL
        || !viewer.holdsAny(state.awaitingRoles())) {
      return Optional.empty();
    }
    return Optional.of(
        new InboxRow(
            "Approve an automatic rotation (approval gate)",
            LifecyclePages.pathOf(key.get()),
            key.get().toString(),
            state.classification().name(),
            "rotation policy",
            state.currentExpires() == null
                ? null
                : state.currentExpires().minus(RotationMatrix.ROTATE_BEFORE_EXPIRY),
            state.currentExpires(),
            false));
  }
}
