package io.keyward.workflows.servicenow;

import io.temporal.activity.ActivityInterface;

/**
 * Writes a ceremony's progress back to the ticket it was requested under (ServiceNow: work notes
 * and state through the Table API).
 *
 * <p>An implementation is retried by {@link TicketWriteBack#OPTIONS} while the ticket system is out
 * of reach. On the last attempt, and for failures no retry can fix (an unknown ticket, refused
 * credentials), it records the update as given up in the audit trail and returns instead of
 * throwing, so a ticket system that is down never fails a ceremony. Call it through {@link
 * TicketWriteBack}, never directly from a ceremony's main path: a direct call would make the
 * ceremony wait for the ticket system.
 */
@ActivityInterface(namePrefix = "Ticket")
public interface TicketActivities {
  /** The audit event type of an update that was not delivered. */
  String WRITE_BACK_GIVEN_UP = "TICKET_WRITE_BACK_GIVEN_UP";

  /**
   * The audit event type of an update that was not written because its ticket is not bound to the
   * ceremony (see {@link TicketBinding}): Keyward writes only to tickets it was given.
   */
  String WRITE_REFUSED = "TICKET_WRITE_REFUSED";

  /**
   * Delivers the update to the record of its {@link TicketUpdate#binding}; returns where it went
   * (e.g. {@code servicenow:change_request/<sys_id>}), {@code not-configured} when no ticket system
   * is, {@code refused} after an audit record when the ticket is not bound to the ceremony, or
   * {@code given-up} after an audit record.
   */
  String writeBack(TicketUpdate update);
}
