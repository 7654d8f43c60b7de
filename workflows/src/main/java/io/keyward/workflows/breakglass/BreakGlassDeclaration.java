package io.keyward.workflows.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.servicenow.TicketBinding;
import java.time.Duration;
import java.util.Objects;

/**
 * A break-glass session declared for an incident (runbook 8.3 "emergency declared via incident
 * management system"). {@code declarer} is the authenticated person who declared it; {@code admin}
 * is the named break-glass admin who receives the access, as the directory knows them (id and
 * roles). {@code duration} is how long the access lasts once granted: at most {@link
 * #MAX_DURATION}, the runbook's hard maximum; {@code null} asks for the maximum. {@code
 * ticketBinding}, when present, is the ServiceNow record of the incident that was given to Keyward,
 * the only record the session writes to; without it the incident is a label only.
 */
public record BreakGlassDeclaration(
    IncidentId incident,
    BreakGlassScope scope,
    String reason,
    Duration duration,
    Actor admin,
    Actor declarer,
    TicketBinding ticketBinding)
    implements PersonCarrying {
  /** The {@code declarer}: the person the API signs this start for. */
  @Override
  @JsonIgnore
  public Actor actor() {
    return declarer;
  }

  /** Runbook 8.3: "15-minute maximum session duration". */
  public static final Duration MAX_DURATION = Duration.ofMinutes(15);

  /** The shortest session that leaves time to act. */
  public static final Duration MIN_DURATION = Duration.ofMinutes(1);

  public static final int MAX_REASON = 2000;

  /** A declaration whose incident is a label only: nothing is written to its ticket. */
  public BreakGlassDeclaration(
      IncidentId incident,
      BreakGlassScope scope,
      String reason,
      Duration duration,
      Actor admin,
      Actor declarer) {
    this(incident, scope, reason, duration, admin, declarer, null);
  }

  public BreakGlassDeclaration {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(declarer, "declarer");
    if (ticketBinding != null && !ticketBinding.isFor(incident.value())) {
      throw new IllegalArgumentException(
          "the ticket binding is for "
              + ticketBinding.record().number()
              + ", not for incident "
              + incident.value()
              + "");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "reason is required: why emergency access is needed (runbook 8.3 triggers)");
    }
    if (reason.length() > MAX_REASON) {
      throw new IllegalArgumentException(
          "reason must be at most " + MAX_REASON + " characters, was " + reason.length());
    }
    if (duration == null) {
      duration = MAX_DURATION;
    }
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "a break-glass session lasts between 1 and 15 minutes (runbook 8.3), asked for "
              + duration.toMinutes()
              + " minutes");
    }
  }

  /** The same declaration, with the record of its incident that Keyward may write to. */
  public BreakGlassDeclaration withTicketBinding(TicketBinding binding) {
    return new BreakGlassDeclaration(incident, scope, reason, duration, admin, declarer, binding);
  }

  /** {@code breakglass/<incident>}: one session per incident. */
  public static String workflowId(IncidentId incident) {
    return "breakglass/" + incident.value();
  }
}
