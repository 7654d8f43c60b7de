package io.keyward.workflows.compromise;

/** The incident record's status (runbook 11.1 {@code Status}). */
public enum IncidentStatus {
  ACTIVE,
  RESOLVED
}
