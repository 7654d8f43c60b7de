package io.keyward.activities.integration;

import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the audit record of a delivery that was given up. Its event id is the activity's own
 * (workflow id and activity id), so a retried activity that gives up twice is recorded once.
 */
public final class GiveUpRecord {
  private final AuditStore audit;
  private final Clock clock;

  public GiveUpRecord(AuditStore audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @param subject the workflow the delivery was about
   * @param details identifiers and the reason; never message text with secrets
   */
  public void write(String type, String subject, Map<String, String> details) {
    write(type, subject, details, "given-up");
  }

  /**
   * @param outcome what became of the delivery, the last part of the event id, e.g. {@code refused}
   */
  public void write(String type, String subject, Map<String, String> details, String outcome) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    Map<String, String> all = new HashMap<>(details);
    all.put("attempts", Integer.toString(info.getAttempt()));
    audit.append(
        new AuditEvent(
            info.getWorkflowId() + "/" + info.getActivityId() + "/" + outcome,
            subject == null ? info.getWorkflowId() : subject,
            type,
            null,
            clock.instant(),
            all));
  }
}
