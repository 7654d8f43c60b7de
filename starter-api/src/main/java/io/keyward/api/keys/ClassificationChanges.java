package io.keyward.api.keys;

import io.keyward.api.access.ClassificationAccess;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.HiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.refusal.Refusals;
import io.keyward.workflows.classification.ClassificationChange;
import io.keyward.workflows.classification.ClassificationChangeRequest;
import io.keyward.workflows.classification.ClassificationChangeState;
import io.keyward.workflows.classification.ClassificationChangeWorkflow;
import io.keyward.workflows.classification.ClassificationChangeWorkflowImpl;
import io.keyward.workflows.classification.ClassificationPhase;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.register.RegisteredKey;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Requests changes of a key's classification, usage and owner in the key register and passes
 * approvers' decisions to them. The ceremony itself reads the register and holds the rules; this
 * answers the same refusals first, with a clear 4xx, and starts nothing when one applies.
 */
public final class ClassificationChanges {
  private final WorkflowClient client;
  private final String taskQueue;
  private final Duration stepTimeout;
  private final RegisteredKeys register;
  private final Refusals refusals;

  public ClassificationChanges(
      WorkflowClient client,
      String taskQueue,
      Duration stepTimeout,
      RegisteredKeys register,
      Refusals refusals) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.stepTimeout = stepTimeout;
    this.register = register;
    this.refusals = refusals;
  }

  public StartedClassificationChange request(Actor requester, KeyRef key, ClassificationBody body) {
    if (!requester.holdsAny(ClassificationChange.REQUESTERS)) {
      throw new ForbiddenException(
          requester.id()
              + " may not ask for a key's classification to be set: requesters hold one of "
              + new TreeSet<>(ClassificationChange.REQUESTERS));
    }
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    ClassificationChangeRequest request = body.toRequest(key, requester, stepTimeout);
    ClassificationChange check = new ClassificationChange(request);
    Optional<RegisteredKey> entry = register.find(key);
    check.before(entry);
    check
        .requestRefusal()
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(why);
            });
    ClassificationChangeWorkflow workflow =
        client.newWorkflowStub(
            ClassificationChangeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ClassificationChangeRequest.workflowId(key))
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(
                            KeywardSearchAttributes.KIND,
                            ClassificationChangeWorkflowImpl.KIND_NAME)
                        .set(
                            KeywardSearchAttributes.PHASE,
                            ClassificationPhase.READING_REGISTER.name())
                        .set(KeywardSearchAttributes.KEY_NAME, key.toString())
                        .build())
                .build());
    WorkflowExecution started = WorkflowClient.start(workflow::run, request);
    return new StartedClassificationChange(
        started.getWorkflowId(), started.getRunId(), statusPath(key));
  }

  public ClassificationChangeState visibleState(Actor who, KeyRef key) {
    ClassificationChangeState state = state(key);
    whyHidden(who, state)
        .ifPresent(
            why -> {
              throw new HiddenException(why);
            });
    return state;
  }

  private static Optional<String> whyHidden(Actor who, ClassificationChangeState state) {
    if (ClassificationAccess.maySee(who, state)) {
      return Optional.empty();
    }
    return Optional.of(
        "a classification change is visible to key management, its requester, its"
            + " participants, its approvers and the key's owner");
  }

  /**
   * Sends the decision as the {@code decide} Update; a refusal is a 409 in the ceremony's words.
   */
  public ClassificationChangeState decide(
      Actor actor, KeyRef key, ClassificationDecisionBody body) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    var decision = body.toDecision(actor);
    state(key);
    return refusals.send(
        ClassificationChangeRequest.workflowId(key),
        actor,
        decision.type().name(),
        () -> workflow(key).decide(decision),
        () -> "this classification change is closed (" + state(key).phase() + ")",
        () -> whyHidden(actor, state(key)));
  }

  private ClassificationChangeState state(KeyRef key) {
    try {
      return workflow(key).state();
    } catch (WorkflowNotFoundException unknown) {
      throw new NotFoundException("no classification change of " + key);
    }
  }

  private ClassificationChangeWorkflow workflow(KeyRef key) {
    return client.newWorkflowStub(
        ClassificationChangeWorkflow.class, ClassificationChangeRequest.workflowId(key));
  }

  static String statusPath(KeyRef key) {
    return "/api/keys/" + key.vault() + "/" + key.name() + "/classification";
  }
}
