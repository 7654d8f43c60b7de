package io.keyward.workflows.servicenow;

import java.util.Objects;

/**
 * One progress note for a ticket, as a ceremony writes it back.
 *
 * @param ticket the ticket number the ceremony was requested under (e.g. {@code CHG0012345}); the
 *     activity finds the record by it
 * @param subject the workflow id of the ceremony, so the note says which run it is about
 * @param sequence the ceremony's count of its updates, 1 for the first: notes arrive in this order
 *     and a repeated delivery can be recognised by it
 * @param note what happened and what is waited for, in words for the people who follow the ticket;
 *     identifiers and public facts only, never key material, secrets or the justification
 * @param binding the record Keyward may write to, checked when the ceremony was requested; null
 *     when the ticket is a label only, and then the write is refused, never attempted
 */
public record TicketUpdate(
    String ticket,
    String subject,
    int sequence,
    TicketState state,
    String note,
    TicketBinding binding) {
  /** An update of a ticket that is a label only: it is refused, never written. */
  public TicketUpdate(String ticket, String subject, int sequence, TicketState state, String note) {
    this(ticket, subject, sequence, state, note, null);
  }

  public TicketUpdate {
    if (ticket == null || ticket.isBlank()) {
      throw new IllegalArgumentException("a ticket update needs the ticket number");
    }
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(note, "note");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
    }
  }

  /** Whether Keyward may write this update: the ticket is bound to the ceremony. */
  public boolean bound() {
    return binding != null && binding.isFor(ticket);
  }
}
