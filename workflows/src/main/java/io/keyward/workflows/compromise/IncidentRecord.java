package io.keyward.workflows.compromise;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.incident.IncidentId;
import java.time.Instant;
import java.util.List;

/**
 * The incident record of runbook 11.1: which key, when detected, how severe (a key compromise is
 * always CRITICAL), its status and the actions taken so far.
 */
public record IncidentRecord(
    IncidentId incidentId,
    KeyRef keyName,
    Instant detectedAt,
    String severity,
    IncidentStatus status,
    List<String> actions) {
  public static final String CRITICAL = "CRITICAL";

  public IncidentRecord {
    actions = actions == null ? List.of() : List.copyOf(actions);
  }
}
