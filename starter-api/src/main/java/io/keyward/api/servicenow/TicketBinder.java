package io.keyward.api.servicenow;

import io.keyward.api.errors.ApiException;
import io.keyward.api.refusal.Refusals;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.TicketBinding;
import io.keyward.workflows.servicenow.TicketRecord;
import io.keyward.workflows.servicenow.TicketRecords;
import io.keyward.workflows.servicenow.TicketRecords.TicketSystemUnavailableException;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before a ceremony starts, whether Keyward may write to the ticket a person names in a
 * request: only when the ServiceNow Table API shows that the same person requested the record
 * ({@code requested_by}, for key generation and rotation) or opened it ({@code opened_by}, for
 * incidents), that user name mapped to the requester's directory id by {@code servicenow.users}
 * (the same map the webhook trusts). Keyward trusts the Table API as its integration user reads it,
 * and nothing the request body says about the ticket beyond its number. A ticket ServiceNow sent
 * through the signed webhook is bound by the webhook itself ({@link TicketBinding#received}).
 *
 * <p>Without a configured ServiceNow instance ({@link #labelsOnly()}, dev mode) a ticket is a
 * label: it names the ticket in the audit trail and in Temporal, nothing checks it and nothing is
 * written to it.
 */
public final class TicketBinder {
  private final Optional<TicketRecords> records;
  private final Map<String, String> users;
  private final Refusals refusals;

  /**
   * @param records the Table API reader; empty when no ServiceNow instance is configured
   * @param users {@code servicenow.users}: ServiceNow user name to Keyward directory id
   */
  public TicketBinder(
      Optional<TicketRecords> records, Map<String, String> users, Refusals refusals) {
    this.records = records;
    this.users = Map.copyOf(users);
    this.refusals = refusals;
  }

  /** With no ticket system: every ticket stays a label. */
  public static TicketBinder labelsOnly(Refusals refusals) {
    return new TicketBinder(Optional.empty(), Map.of(), refusals);
  }

  /**
   * The binding of the ticket a person named in a request, so the ceremony may write to it; null
   * when there is no ticket or no ticket system (the ticket is then a label).
   *
   * @param subject the workflow the request would start, for the refusal's audit record
   * @throws ApiException 403 when ServiceNow shows someone else requested the ticket (recorded as a
   *     refusal), 422 when ServiceNow has no record with the number, 503 when it cannot answer; in
   *     each case nothing was started
   */
  public TicketBinding bind(String ticket, Actor requester, RecordType type, String subject) {
    if (ticket == null || records.isEmpty()) {
      return null;
    }
    TicketRecord record;
    try {
      record =
          records
              .get()
              .findByNumber(ticket)
              .orElseThrow(
                  () ->
                      new TicketRefusedException(
                          422,
                          "ServiceNow has no record numbered "
                              + ticket
                              + ": name a ticket you requested in ServiceNow, or none; nothing was"
                              + " started"));
    } catch (TicketSystemUnavailableException down) {
      throw new TicketRefusedException(
          503,
          "ServiceNow cannot confirm ticket "
              + ticket
              + " now ("
              + down.getMessage()
              + "); nothing was started: try again, or send the request without a ticket");
    }
    String person = record.personFor(type);
    if (person == null || !requester.id().equals(users.get(person))) {
      String why =
          "ticket "
              + ticket
              + " was not "
              + (type.personField().equals("opened_by") ? "opened" : "requested")
              + " in ServiceNow by "
              + requester.id()
              + ": Keyward writes only to tickets ServiceNow sent it or that you requested"
              + " yourself; nothing was started";
      refusals.record(subject, requester.id(), "TICKET " + ticket, why, Map.of("ticket", ticket));
      throw new TicketRefusedException(403, why);
    }
    return TicketBinding.requestedBySamePerson(record.record());
  }

  /**
   * The binding a webhook delivered, checked against the ticket of the request it came with.
   *
   * @throws IllegalArgumentException when it is for another ticket
   */
  public static TicketBinding received(TicketBinding binding, String ticket) {
    if (binding != null && !binding.isFor(ticket)) {
      throw new IllegalArgumentException(
          "the delivered record " + binding.record().number() + " is not ticket " + ticket);
    }
    return binding;
  }

  /** A ticket Keyward may not write to, or cannot check now. */
  public static final class TicketRefusedException extends ApiException {
    TicketRefusedException(int status, String message) {
      super(status, message);
    }
  }
}
