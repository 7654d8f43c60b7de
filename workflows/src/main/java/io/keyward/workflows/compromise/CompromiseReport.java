package io.keyward.workflows.compromise;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.Severity;
import io.keyward.workflows.servicenow.TicketBinding;
import java.time.Instant;
import java.util.Objects;

/**
 * A report that a key is compromised (runbook 11.1). {@code reporter} is the authenticated person
 * (or, for a webhook, the system that sent it); {@code acceptedAt} is when Keyward accepted the
 * report, stamped by whoever accepted it, from which the time to disable the key is measured. A
 * report without {@code acceptedAt} is measured from the workflow's start. {@code severity} picks
 * the escalation rule of runbook 17.2 and is P1 when not given. {@code ticketBinding}, when
 * present, is the ServiceNow record of the incident that was given to Keyward, the only record the
 * response writes to; without it the incident is a label only.
 */
public record CompromiseReport(
    IncidentId incident,
    KeyRef key,
    Severity severity,
    String summary,
    Actor reporter,
    Instant acceptedAt,
    TicketBinding ticketBinding)
    implements PersonCarrying {
  /** The {@code reporter}: the person the API signs this start for. */
  @Override
  @JsonIgnore
  public Actor actor() {
    return reporter;
  }

  public static final int MAX_SUMMARY = 2000;

  /** A report whose incident is a label only: nothing is written to its ticket. */
  public CompromiseReport(
      IncidentId incident,
      KeyRef key,
      Severity severity,
      String summary,
      Actor reporter,
      Instant acceptedAt) {
    this(incident, key, severity, summary, reporter, acceptedAt, null);
  }

  public CompromiseReport {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reporter, "reporter");
    if (ticketBinding != null && !ticketBinding.isFor(incident.value())) {
      throw new IllegalArgumentException(
          "the ticket binding is for "
              + ticketBinding.record().number()
              + ", not for incident "
              + incident.value()
              + "");
    }
    if (severity == null) {
      severity = Severity.P1;
    }
    if (summary != null && summary.length() > MAX_SUMMARY) {
      throw new IllegalArgumentException(
          "summary must be at most " + MAX_SUMMARY + " characters, was " + summary.length());
    }
  }

  /** The same report, with the record of its incident that Keyward may write to. */
  public CompromiseReport withTicketBinding(TicketBinding binding) {
    return new CompromiseReport(incident, key, severity, summary, reporter, acceptedAt, binding);
  }

  /** {@code compromise/<incident>}: one response per incident. */
  public static String workflowId(IncidentId incident) {
    return "compromise/" + incident.value();
  }
}
