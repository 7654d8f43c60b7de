package io.keyward.api.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.keyward.activities.audit.AuditHashChain;
import io.keyward.activities.audit.JdbcAuditStore;
import io.keyward.workflows.audit.AuditRecord;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a request changed around the application: the workflows Temporal knows (every open and
 * closed execution, with its status and the length of its history, as the in-process test server
 * lists them) and the records of the JSON-lines audit trail. A refused request must change neither,
 * apart from its own refusal record; an Update a validator rejects leaves only workflow-task events
 * in the test server's history, so those are not counted as changes.
 */
public final class EdgeEffects {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The events the test server writes for an Update that the validator rejects, or a query. */
  private static final Set<EventType> BOOKKEEPING =
      Set.of(
          EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
          EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
          EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);

  /**
   * The refusal throttle's record of a window's throttled attempts, written by a timer when the
   * window ends: the summary of earlier refusals, not an effect of the request at hand.
   */
  private static final String THROTTLE_SUMMARY = "ATTEMPTS_THROTTLED";

  private static final String SIGN_IN_FAILED = "SIGN_IN_FAILED";

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final JdbcAuditStore audit;
  private final AuditHashChain chain = new AuditHashChain();

  public EdgeEffects(WorkflowServiceStubs stubs, String namespace, JdbcAuditStore audit) {
    this.stubs = stubs;
    this.namespace = namespace;
    this.audit = audit;
  }

  /** One execution as Temporal lists it. */
  public record Execution(
      String workflowId, String runId, WorkflowExecutionStatus status, long historyLength) {}

  /** Everything Temporal lists, by workflow id and run id, and the audit trail's last sequence. */
  public record Snapshot(Map<String, Execution> executions, long auditSequence) {}

  /** What changed between two snapshots. */
  public record Effects(
      List<String> started,
      List<String> statusChanged,
      Map<String, List<String>> newEvents,
      List<JsonNode> auditRecords,
      Snapshot after) {
    /** Whether Temporal saw a new workflow, a closed one, or an event that is not bookkeeping. */
    public boolean temporalChanged() {
      return !started.isEmpty() || !statusChanged.isEmpty() || !newEvents.isEmpty();
    }

    /** Temporal unchanged, and no audit record but at most the request's own failed sign-in. */
    public boolean none() {
      return !temporalChanged()
          && (auditRecords.isEmpty()
              || (auditRecords.size() == 1
                  && SIGN_IN_FAILED.equals(auditRecords.get(0).path("type").asText())));
    }

    /**
     * What goes beyond a refusal of {@code actor}'s request: empty when Temporal is unchanged and
     * the audit trail gained at most one record, a {@code *_REFUSED} one of that person or the
     * request's own failed sign-in.
     */
    public Optional<String> beyondOneRefusalBy(String actor) {
      if (temporalChanged()) {
        return Optional.of(describe());
      }
      if (auditRecords.size() > 1) {
        return Optional.of(auditRecords.size() + " audit records: " + auditRecords);
      }
      for (JsonNode record : auditRecords) {
        String type = record.path("type").asText();
        String by = record.path("actor").asText();
        if (SIGN_IN_FAILED.equals(type)) {
          continue; // the request's own failed sign-in, recorded under the name it gave
        }
        if (!type.endsWith("_REFUSED") || actor == null || !actor.equals(by)) {
          return Optional.of("an audit record that is not a refusal by " + actor + ": " + record);
        }
      }
      return Optional.empty();
    }

    public String describe() {
      return "started "
          + started
          + ", status changed "
          + statusChanged
          + ", new events "
          + newEvents
          + ", audit records "
          + auditRecords;
    }
  }

  /** The state now. */
  public Snapshot snapshot() {
    Map<String, Execution> executions = new TreeMap<>();
    for (WorkflowExecutionInfo info : listAll()) {
      Execution execution =
          new Execution(
              info.getExecution().getWorkflowId(),
              info.getExecution().getRunId(),
              info.getStatus(),
              info.getHistoryLength());
      executions.put(execution.workflowId() + " " + execution.runId(), execution);
    }
    return new Snapshot(executions, audit.lastSequence());
  }

  /** What changed since {@code before}. */
  public Effects since(Snapshot before) {
    Snapshot now = snapshot();
    List<String> started = new ArrayList<>();
    List<String> statusChanged = new ArrayList<>();
    Map<String, List<String>> newEvents = new LinkedHashMap<>();
    now.executions()
        .forEach(
            (key, execution) -> {
              Execution earlier = before.executions().get(key);
              if (earlier == null) {
                started.add(key);
                return;
              }
              if (earlier.status() != execution.status()) {
                statusChanged.add(key + " " + earlier.status() + " -> " + execution.status());
              }
              if (earlier.historyLength() != execution.historyLength()) {
                List<String> events = eventsAfter(execution, earlier.historyLength());
                if (!events.isEmpty()) {
                  newEvents.put(key, events);
                }
              }
            });
    return new Effects(
        started,
        statusChanged,
        newEvents,
        auditRecords(before.auditSequence(), now.auditSequence()),
        now);
  }

  /**
   * Waits until nothing moves: three snapshots in a row, 50 ms apart, are the same and no workflow
   * waits on an activity or on a workflow task (a start or an Update whose task a busy worker has
   * not picked up yet writes nothing until it does). Called after a request that was accepted, so
   * that what its workflow does next is not taken for an effect of the following request.
   */
  public Snapshot awaitQuiet(Duration atMost) {
    long giveUp = System.nanoTime() + atMost.toNanos();
    Snapshot last = snapshot();
    int same = 0;
    while (same < 2 || anyWorkPending(last)) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("the application did not settle within " + atMost + ": " + last);
      }
      pause();
      Snapshot next = snapshot();
      same = next.equals(last) ? same + 1 : 0;
      last = next;
    }
    return last;
  }

  /**
   * Whether an open workflow waits on an activity (one that is retrying writes no event) or on a
   * workflow task.
   */
  private boolean anyWorkPending(Snapshot snapshot) {
    return snapshot.executions().values().stream()
        .filter(e -> e.status() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .map(
            e ->
                stubs
                    .blockingStub()
                    .describeWorkflowExecution(
                        DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(namespace)
                            .setExecution(
                                WorkflowExecution.newBuilder()
                                    .setWorkflowId(e.workflowId())
                                    .setRunId(e.runId()))
                            .build()))
        .anyMatch(
            described ->
                described.getPendingActivitiesCount() > 0 || described.hasPendingWorkflowTask());
  }

  private List<WorkflowExecutionInfo> listAll() {
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse open =
          stubs
              .blockingStub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setMaximumPageSize(1000)
                      .setNextPageToken(token)
                      .build());
      all.addAll(open.getExecutionsList());
      token = open.getNextPageToken();
    } while (!token.isEmpty());
    do {
      ListClosedWorkflowExecutionsResponse closed =
          stubs
              .blockingStub()
              .listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setMaximumPageSize(1000)
                      .setNextPageToken(token)
                      .build());
      all.addAll(closed.getExecutionsList());
      token = closed.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  private List<String> eventsAfter(Execution execution, long knownLength) {
    List<String> events = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse page =
          stubs
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(
                          WorkflowExecution.newBuilder()
                              .setWorkflowId(execution.workflowId())
                              .setRunId(execution.runId()))
                      .setNextPageToken(token)
                      .build());
      for (HistoryEvent event : page.getHistory().getEventsList()) {
        if (event.getEventId() > knownLength && !BOOKKEEPING.contains(event.getEventType())) {
          events.add(event.getEventType().name().replace("EVENT_TYPE_", ""));
        }
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return events;
  }

  private List<JsonNode> auditRecords(long from, long to) {
    if (to <= from) {
      return List.of();
    }
    List<JsonNode> records = new ArrayList<>();
    for (AuditRecord stored : audit.recordsAfter(from)) {
      if (stored.sequence() > to) {
        break;
      }
      try {
        JsonNode record = JSON.readTree(chain.toJson(stored));
        if (!THROTTLE_SUMMARY.equals(record.path("type").asText())) {
          records.add(record);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("an audit record that is not JSON: " + stored, e);
      }
    }
    return records;
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
