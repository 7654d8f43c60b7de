package io.keyward.ui.generation;

import io.keyward.api.access.GenerationAccess;
import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.ui.inbox.InboxRow;
import io.keyward.ui.inbox.PublishedStep;
import io.keyward.ui.inbox.WaitingSource;
import io.keyward.ui.inbox.WorkflowIds;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.WaitingStep;
import io.keyward.workflows.generation.GenerationPhase;
import io.keyward.workflows.generation.GenerationState;
import java.util.Optional;

/**
 * Generation ceremonies in the inbox: approvals, custodian steps and security registration. A
 * ceremony publishes its open step; one started before it did is asked.
 */
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
    WaitingStep step = state.waitingStep();
    if (!GenerationAccess.waitsOn(viewer, state.phase(), state.awaitingRoles(), step)) {
      return Optional.empty();
    }
    return Optional.of(
        row(key.get(), state.phase(), state.request().classification().name(), step, viewer));
  }

  @Override
  public boolean readsPublished() {
    return true;
  }

  @Override
  public Optional<InboxRow> fromPublished(
      String workflowId, PublishedStep published, Actor viewer) {
    Optional<KeyRef> key = WorkflowIds.keyOf(ID_PREFIX, workflowId);
    Optional<GenerationPhase> phase = phase(published.phase());
    if (key.isEmpty()
        || phase.isEmpty()
        || !GenerationAccess.waitsOn(
            viewer, phase.get(), published.awaitingRoles(), published.step())) {
      return Optional.empty();
    }
    return Optional.of(
        row(key.get(), phase.get(), published.classification(), published.step(), viewer));
  }

  private static InboxRow row(
      KeyRef key, GenerationPhase phase, String classification, WaitingStep step, Actor viewer) {
    return new InboxRow(
        GenerationSteps.task(phase),
        GenerationPages.pathOf(key),
        key.toString(),
        classification,
        step.requester(),
        step.opened(),
        step.due(),
        viewer.id().equals(step.requester()));
  }

  private static Optional<GenerationPhase> phase(String name) {
    try {
      return name == null ? Optional.empty() : Optional.of(GenerationPhase.valueOf(name));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
