package io.keyward.api.servicenow;

import io.keyward.api.compromise.CompromiseReportBody;
import io.keyward.workflows.incident.Severity;

/**
 * The {@code request} of a {@code compromise} record: the compromised key, the severity of runbook
 * 17.2 ({@code P1} when absent) and what is known. The incident is the record's number.
 */
record CompromiseFields(String vault, String name, Severity severity, String summary) {
  CompromiseReportBody toBody(String incident) {
    return new CompromiseReportBody(incident, vault, name, severity, summary);
  }
}
