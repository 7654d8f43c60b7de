package io.keyward.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of a workflow cost the server and the worker, counted from its history: workflow
 * tasks, activity tasks, local activities (markers), Updates, all events.
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
    for (HistoryEvent event : client.fetchHistory(workflowId).getHistory().getEventsList()) {
      counts.merge("events", 1, Integer::sum);
      EventType type = event.getEventType();
      String counted =
          switch (type) {
            case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> "workflowTasks";
            case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> "activityTasks";
            case EVENT_TYPE_MARKER_RECORDED -> "localActivities";
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
}
