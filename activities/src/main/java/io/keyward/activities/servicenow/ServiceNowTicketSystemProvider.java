package io.keyward.activities.servicenow;

import io.keyward.workflows.servicenow.ServiceNowSettings;
import io.keyward.workflows.servicenow.TicketRecords;
import io.keyward.workflows.servicenow.TicketSystemProvider;

/** The API's reader of ServiceNow tickets, found through {@link java.util.ServiceLoader}. */
public final class ServiceNowTicketSystemProvider implements TicketSystemProvider {
  @Override
  public TicketRecords open(ServiceNowSettings settings) {
    return new ServiceNowTicketRecords(
        new ServiceNowTableClient(settings.baseUrl(), settings.user(), settings.password()));
  }
}
