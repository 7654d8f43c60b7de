package io.keyward.workflows.compromise;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * A report that a key is compromised (runbook 11.1). {@code reporter} is the authenticated person
 * (or, for a webhook, the system that sent it); {@code acceptedAt} is when Keyward accepted the
 * report, stamped by whoever accepted it, from which the time to disable the key is measured. A
 * report without {@code acceptedAt} is measured from the workflow's start. {@code severity} picks
 * the escalation rule of runbook 17.2 and is P1 when not given.
 */
public record CompromiseReport(
    IncidentId incident,
    KeyRef key,
    Severity severity,
    String summary,
    Actor reporter,
    Instant acceptedAt) {
  public static final int MAX_SUMMARY = 2000;

  public CompromiseReport {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reporter, "reporter");
    if (severity == null) {
      severity = Severity.P1;
    }
    if (summary != null && summary.length() > MAX_SUMMARY) {
      throw new IllegalArgumentException(
          "summary must be at most " + MAX_SUMMARY + " characters, was " + summary.length());
    }
  }

  /** {@code compromise/<incident>}: one response per incident. */
  public static String workflowId(IncidentId incident) {
    return "compromise/" + incident.value();
  }
}
