package io.keyward.api.compromise;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.api.incident.FreeText;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.compromise.CompromiseReport;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.Severity;
import java.time.Instant;

/**
 * The JSON body of {@code POST /api/compromises}: the incident, the compromised key ({@code vault}
 * and {@code name}), the severity of runbook 17.2 ({@code P1} when absent) and what is known. The
 * reporter is the authenticated person; a {@code reporter} field a client sends is ignored.
 */
@JsonIgnoreProperties({"reporter", "actor", "acceptedAt"})
public record CompromiseReportBody(
    String incident, String vault, String name, Severity severity, String summary) {

  IncidentId incidentId() {
    if (incident == null || incident.isBlank()) {
      throw new IllegalArgumentException(
          "incident is required: the id of the incident in the incident management system");
    }
    return new IncidentId(incident.strip());
  }

  CompromiseReport toReport(Actor reporter, Instant acceptedAt) {
    return new CompromiseReport(
        incidentId(),
        new KeyRef(vault, name),
        severity,
        FreeText.optional("summary", summary, CompromiseReport.MAX_SUMMARY),
        reporter,
        acceptedAt);
  }
}
