package io.keyward.api.keys;

import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.refusal.Refusals;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.lifecycle.GateDecision;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflow;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflowImpl;
import io.keyward.workflows.lifecycle.KeyReconciliationWorkflow;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.LifecyclePhase;
import io.keyward.workflows.lifecycle.LifecycleState;
import io.keyward.workflows.lifecycle.ReconciliationReport;
import io.keyward.workflows.lifecycle.ReconciliationRequest;
import io.keyward.workflows.policy.RotationRoles;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.util.TreeSet;

/**
 * Enrols keys in policy-driven rotation (runbook 6.1, 6.2), reads their lifecycle, passes decisions
 * to an approval gate, and starts the reconciliation on demand (where no Temporal Schedule runs it,
 * as on the in-process test server). All Temporal plumbing of the lifecycle API lives here.
 */
public final class KeyLifecycles {
  private final WorkflowClient client;
  private final String taskQueue;
  private final Refusals refusals;
  private final RegisteredKeys register;

  public KeyLifecycles(
      WorkflowClient client, String taskQueue, Refusals refusals, RegisteredKeys register) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.refusals = refusals;
    this.register = register;
  }

  /** Starts the key's lifecycle; a key that has one keeps it (and the answer says so). */
  public StartedLifecycle enrol(Actor actor, KeyRef key, EnrolmentBody body) {
    requireRotator(actor, "enrol keys in automatic rotation");
    LifecycleInput input = requireBody(body).toInput(key, actor.id(), register.find(key));
    KeyLifecycleWorkflow lifecycle =
        client.newWorkflowStub(KeyLifecycleWorkflow.class, startOptions(input));
    try {
      WorkflowExecution started = WorkflowClient.start(lifecycle::run, input);
      return new StartedLifecycle(
          started.getWorkflowId(), started.getRunId(), true, KeysResource.lifecyclePath(key));
    } catch (WorkflowExecutionAlreadyStarted running) {
      WorkflowExecution existing = running.getExecution();
      return new StartedLifecycle(
          existing.getWorkflowId(), existing.getRunId(), false, KeysResource.lifecyclePath(key));
    }
  }

  public LifecycleState state(KeyRef key) {
    try {
      return lifecycle(key).state();
    } catch (WorkflowNotFoundException unknown) {
      throw new NotFoundException(key + " is not enrolled in automatic rotation");
    }
  }

  /**
   * Approves or denies the rotation waiting at the gate; a refusal is a 409 in the gate's words.
   */
  public LifecycleState decide(KeyRef key, Actor actor, GateDecisionBody body) {
    GateDecision decision = requireBody(body).toDecision(actor);
    state(key);
    return refusals.send(
        LifecycleInput.workflowId(key),
        actor,
        decision.type().name(),
        () -> lifecycle(key).decide(decision),
        () -> "the lifecycle of " + key + " has ended");
  }

  /** Starts a reconciliation now, or answers the one already running. */
  public ReconciliationStatus reconcile(Actor actor) {
    requireRotator(actor, "start a reconciliation");
    KeyReconciliationWorkflow reconciliation =
        client.newWorkflowStub(
            KeyReconciliationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(KeyReconciliationWorkflow.ON_DEMAND_ID)
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    WorkflowExecution started =
        WorkflowClient.start(
            reconciliation::run,
            new ReconciliationRequest(ReconciliationRequest.DEFAULT_LOOKAHEAD, actor.id()));
    return new ReconciliationStatus(started.getWorkflowId(), started.getRunId(), "RUNNING", null);
  }

  /** The latest on-demand reconciliation: running, or completed with its report. */
  public ReconciliationStatus reconciliation() {
    WorkflowStub stub = client.newUntypedWorkflowStub(KeyReconciliationWorkflow.ON_DEMAND_ID);
    WorkflowExecutionDescription description;
    try {
      description = stub.describe();
    } catch (WorkflowNotFoundException never) {
      throw new NotFoundException("no reconciliation was started on demand");
    }
    WorkflowExecutionStatus status = description.getWorkflowExecutionInfo().getStatus();
    ReconciliationReport report =
        status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
            ? stub.getResult(ReconciliationReport.class)
            : null;
    return new ReconciliationStatus(
        description.getExecution().getWorkflowId(),
        description.getExecution().getRunId(),
        status.name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
        report);
  }

  private WorkflowOptions startOptions(LifecycleInput input) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(LifecycleInput.workflowId(input.key()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(KeywardSearchAttributes.KIND, KeyLifecycleWorkflowImpl.KIND_NAME)
                .set(KeywardSearchAttributes.PHASE, LifecyclePhase.STARTING.name())
                .set(KeywardSearchAttributes.KEY_NAME, input.key().toString())
                .set(KeywardSearchAttributes.CLASSIFICATION, input.classification().name())
                .build())
        .build();
  }

  private KeyLifecycleWorkflow lifecycle(KeyRef key) {
    return client.newWorkflowStub(KeyLifecycleWorkflow.class, LifecycleInput.workflowId(key));
  }

  private static void requireRotator(Actor actor, String what) {
    if (!actor.holdsAny(RotationRoles.ROTATORS)) {
      throw new ForbiddenException(
          actor.id()
              + " may not "
              + what
              + ": that needs one of "
              + new TreeSet<>(RotationRoles.ROTATORS)
              + " (runbook 4.2)");
    }
  }

  private static <T> T requireBody(T body) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON request body is required");
    }
    return body;
  }
}
