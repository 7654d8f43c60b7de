package io.keyward.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of a workflow cost the server and the worker, counted from its history: workflow
 * tasks, activity tasks, local activities (markers), Updates, all events and their size in bytes as
 * the server stores them (protobuf); and where its time went, from the events' timestamps:
 * milliseconds the worker spent on workflow tasks (started to completed) and on each activity type
 * (started to completed), and that tasks waited for a worker (scheduled to started).
 */
final class HistoryShape {
  private HistoryShape() {}

  static Map<String, Integer> of(WorkflowClient client, String workflowId) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("events", 0);
    counts.put("workflowTasks", 0);
    counts.put("activityTasks", 0);
    counts.put("localActivities", 0);
    counts.put("updates", 0);
    counts.put("otherWorkflowsStartedOrSignalled", 0);
    Map<Long, HistoryEvent> byId = new HashMap<>();
    for (HistoryEvent event : client.fetchHistory(workflowId).getHistory().getEventsList()) {
      byId.put(event.getEventId(), event);
      counts.merge("events", 1, Integer::sum);
      counts.merge("bytes", event.getSerializedSize(), Integer::sum);
      EventType type = event.getEventType();
      switch (type) {
        case EVENT_TYPE_WORKFLOW_TASK_STARTED ->
            counts.merge(
                "msWaitingForWorker",
                millis(
                    byId.get(event.getWorkflowTaskStartedEventAttributes().getScheduledEventId()),
                    event),
                Integer::sum);
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED ->
            counts.merge(
                "msInWorkflowTasks",
                millis(
                    byId.get(event.getWorkflowTaskCompletedEventAttributes().getStartedEventId()),
                    event),
                Integer::sum);
        case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
            counts.merge(
                "msWaitingForWorker",
                millis(
                    byId.get(event.getActivityTaskStartedEventAttributes().getScheduledEventId()),
                    event),
                Integer::sum);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          HistoryEvent scheduled =
              byId.get(event.getActivityTaskCompletedEventAttributes().getScheduledEventId());
          counts.merge(
              "ms:"
                  + scheduled.getActivityTaskScheduledEventAttributes().getActivityType().getName(),
              millis(
                  byId.get(event.getActivityTaskCompletedEventAttributes().getStartedEventId()),
                  event),
              Integer::sum);
        }
        default -> {
          // counted below, or not at all
        }
      }
      String counted =
          switch (type) {
            case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> "workflowTasks";
            case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> "activityTasks";
            case EVENT_TYPE_MARKER_RECORDED ->
                event.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")
                    ? "localActivities"
                    : "otherMarkers";
            case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> "updates";
            case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
                EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED ->
                "otherWorkflowsStartedOrSignalled";
            default -> null;
          };
      if (counted != null) {
        counts.merge(counted, 1, Integer::sum);
      }
    }
    return counts;
  }

  private static int millis(HistoryEvent from, HistoryEvent to) {
    if (from == null) {
      return 0;
    }
    return (int)
        Duration.between(
                Instant.ofEpochSecond(
                    from.getEventTime().getSeconds(), from.getEventTime().getNanos()),
                Instant.ofEpochSecond(to.getEventTime().getSeconds(), to.getEventTime().getNanos()))
            .toMillis();
  }
}
