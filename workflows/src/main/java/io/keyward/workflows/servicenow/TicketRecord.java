package io.keyward.workflows.servicenow;

import java.util.Objects;

/**
 * A ticket as the ServiceNow Table API shows it to the integration user: the record and the user
 * names ({@code sys_user.user_name}) of who requested it ({@code requested_by}, on change requests)
 * and who opened it ({@code opened_by}, on every task). Either name is null when the record has
 * none.
 */
public record TicketRecord(ServiceNowRecord record, String requestedBy, String openedBy) {
  public TicketRecord {
    Objects.requireNonNull(record, "record");
  }

  /** The user name in the field that names the person behind a record of this type. */
  public String personFor(RecordType type) {
    return type.personField().equals("opened_by") ? openedBy : requestedBy;
  }
}
