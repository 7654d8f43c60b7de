package io.keyward.worker;

import io.keyward.workflows.lifecycle.KeyReconciliationWorkflow;
import io.keyward.workflows.lifecycle.ReconciliationRequest;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly reconciliation (runbook 6.2: "Weekly on Monday 2 AM") as a Temporal Schedule. Call
 * {@link #ensure} at every worker or dev-mode start: it creates the schedule, or brings an existing
 * one back to this definition, so starting twice never makes two schedules. The in-process test
 * server has no schedules; there the reconciliation is started on demand through the API.
 */
public final class ReconciliationSchedule {
  public static final String SCHEDULE_ID = "keyward-reconciliation-weekly";

  /** Monday 02:00. */
  public static final String CRON = "0 2 * * MON";

  public static final String TIME_ZONE = "UTC";

  /** The id of each scheduled run; the server appends the scheduled time. */
  public static final String WORKFLOW_ID = "reconciliation/weekly";

  private static final Logger LOG = LoggerFactory.getLogger(ReconciliationSchedule.class);

  private ReconciliationSchedule() {}

  /** Creates or updates the schedule; returns its handle. */
  public static ScheduleHandle ensure(ScheduleClient schedules, String taskQueue) {
    Schedule schedule = definition(taskQueue);
    try {
      ScheduleHandle handle =
          schedules.createSchedule(SCHEDULE_ID, schedule, ScheduleOptions.newBuilder().build());
      LOG.info("Created schedule {}: reconciliation at '{}' {}", SCHEDULE_ID, CRON, TIME_ZONE);
      return handle;
    } catch (ScheduleAlreadyRunningException exists) {
      ScheduleHandle handle = schedules.getHandle(SCHEDULE_ID);
      handle.update(current -> new ScheduleUpdate(schedule));
      LOG.info("Schedule {} exists; its definition is up to date", SCHEDULE_ID);
      return handle;
    }
  }

  /**
   * Start {@link KeyReconciliationWorkflow} weekly; a run still going when the next is due makes
   * the next one skip, and a run missed while the server was down is made up within a day.
   */
  static Schedule definition(String taskQueue) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(KeyReconciliationWorkflow.class)
                .setArguments(ReconciliationRequest.weekly())
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(WORKFLOW_ID)
                        .setTaskQueue(taskQueue)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setCronExpressions(List.of(CRON))
                .setTimeZoneName(TIME_ZONE)
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .setCatchupWindow(Duration.ofDays(1))
                .build())
        .build();
  }
}
