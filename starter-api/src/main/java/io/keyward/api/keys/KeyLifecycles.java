package io.keyward.api.keys;

import io.keyward.api.access.LifecycleAccess;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.HiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.incident.FreeText;
import io.keyward.api.refusal.Refusals;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.lifecycle.GateDecision;
import io.keyward.workflows.lifecycle.GateDecisionType;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflow;
import io.keyward.workflows.lifecycle.KeyReconciliationWorkflow;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.LifecycleStartOptions;
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
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Enrols keys in policy-driven rotation (runbook 6.1, 6.2), reads their lifecycle, passes decisions
 * to an approval gate, and starts the reconciliation on demand (where no Temporal Schedule runs it,
 * as on the in-process test server), for every surface. How a lifecycle is started is {@link
 * LifecycleStartOptions}.
 */
public final class KeyLifecycles {
  /** The longest reason a gate decision may give. */
  public static final int MAX_REASON = 2000;

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
        client.newWorkflowStub(
            KeyLifecycleWorkflow.class, LifecycleStartOptions.of(input, taskQueue));
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
   * The lifecycle for {@code who}, when {@link LifecycleAccess} lets them see it; 403 otherwise.
   */
  public LifecycleState visibleState(Actor who, KeyRef key) {
    LifecycleState state = state(key);
    whyHidden(who, state, key)
        .ifPresent(
            why -> {
              throw new HiddenException(why);
            });
    return state;
  }

  private static Optional<String> whyHidden(Actor who, LifecycleState state, KeyRef key) {
    return LifecycleAccess.maySee(who, state)
        ? Optional.empty()
        : Optional.of(
            "the lifecycle of " + key + " is visible to key management and its approvers");
  }

  /**
   * Approves or denies the rotation waiting at the gate; the Update answers the lifecycle after it.
   * A refusal is a 409 in the gate's words; a key that never had a lifecycle is a 404, found out
   * only when the Update has nowhere to go. Every surface comes here with the person it
   * authenticated in {@code decision}.
   */
  public LifecycleState decide(KeyRef key, GateDecision decision) {
    Objects.requireNonNull(Objects.requireNonNull(decision, "decision").actor(), "actor");
    if (decision.type() == null) {
      throw new IllegalArgumentException(
          "decision is required: one of " + Arrays.toString(GateDecisionType.values()));
    }
    GateDecision checked =
        new GateDecision(
            decision.actor(),
            decision.type(),
            FreeText.optional("reason", decision.reason(), MAX_REASON));
    return refusals.send(
        LifecycleInput.workflowId(key),
        checked.actor(),
        checked.type().name(),
        () -> lifecycle(key).decide(checked),
        () -> "the lifecycle of " + key + " has ended (" + state(key).phase() + ")",
        () -> whyHidden(checked.actor(), state(key), key));
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
