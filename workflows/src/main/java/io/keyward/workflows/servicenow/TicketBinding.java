package io.keyward.workflows.servicenow;

import java.util.Objects;

/**
 * A ticket Keyward may write a ceremony's progress to: the ServiceNow record (table, sys_id,
 * number), checked when the ceremony was requested, and why it was given to Keyward. Without one a
 * ceremony's ticket is a label only: it names the ticket in the audit trail and search attributes,
 * and nothing is ever written to it. Write-back goes to {@code <table>/<sys_id>} of the binding,
 * never to a record found by a number a person typed.
 */
public record TicketBinding(ServiceNowRecord record, TicketBasis basis) {
  public TicketBinding {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(basis, "basis");
  }

  /** A record ServiceNow delivered through the signed webhook. */
  public static TicketBinding received(ServiceNowRecord record) {
    return new TicketBinding(record, TicketBasis.WEBHOOK);
  }

  /** A record the Table API showed was requested or opened by the ceremony's requester. */
  public static TicketBinding requestedBySamePerson(ServiceNowRecord record) {
    return new TicketBinding(record, TicketBasis.SAME_REQUESTER);
  }

  /** Whether this binding is for the ticket numbered {@code number}. */
  public boolean isFor(String number) {
    return record.number().equals(number);
  }

  /**
   * The binding of {@code number}, or null when {@code binding} is absent or for another ticket.
   */
  public static TicketBinding forTicket(String number, TicketBinding binding) {
    return binding != null && number != null && binding.isFor(number) ? binding : null;
  }
}
