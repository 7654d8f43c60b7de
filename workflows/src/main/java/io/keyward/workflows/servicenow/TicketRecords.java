package io.keyward.workflows.servicenow;

import java.util.Optional;

/**
 * Reads tickets from the ticket system (ServiceNow's Table API), so the API can check, before a
 * ceremony starts, that a ticket a person names is theirs. Read only: it never writes.
 */
public interface TicketRecords {
  /**
   * The record numbered {@code number}, or empty when the ticket system has none.
   *
   * @throws TicketSystemUnavailableException when the ticket system cannot answer now
   */
  Optional<TicketRecord> findByNumber(String number);

  /** The ticket system cannot answer (unreachable, refuses the integration user, throttles). */
  final class TicketSystemUnavailableException extends RuntimeException {
    public TicketSystemUnavailableException(String message) {
      super(message);
    }
  }
}
