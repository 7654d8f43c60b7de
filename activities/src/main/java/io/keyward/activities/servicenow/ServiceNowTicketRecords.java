package io.keyward.activities.servicenow;

import io.keyward.activities.servicenow.ServiceNowTableClient.People;
import io.keyward.activities.servicenow.ServiceNowTableClient.TaskRecord;
import io.keyward.workflows.servicenow.ServiceNowRecord;
import io.keyward.workflows.servicenow.TicketRecord;
import io.keyward.workflows.servicenow.TicketRecords;
import java.util.Optional;

/**
 * Reads a ticket for the API's check through the Table API: the record by its number in {@code
 * task}, then who requested and opened it in its own table. Two GET requests; nothing is written. A
 * record whose table or sys_id ServiceNow answers malformed is treated as unknown.
 */
public final class ServiceNowTicketRecords implements TicketRecords {
  private final ServiceNowTableClient client;

  public ServiceNowTicketRecords(ServiceNowTableClient client) {
    this.client = client;
  }

  @Override
  public Optional<TicketRecord> findByNumber(String number) {
    try {
      Optional<TaskRecord> found = client.findByNumber(number);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      ServiceNowRecord record;
      try {
        record = new ServiceNowRecord(found.get().table(), found.get().sysId(), number);
      } catch (IllegalArgumentException malformed) {
        return Optional.empty();
      }
      People people = client.people(found.get());
      return Optional.of(new TicketRecord(record, people.requestedBy(), people.openedBy()));
    } catch (TicketFailure failure) {
      throw new TicketSystemUnavailableException(failure.getMessage());
    }
  }
}
