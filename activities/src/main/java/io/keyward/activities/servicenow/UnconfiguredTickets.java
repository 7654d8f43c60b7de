package io.keyward.activities.servicenow;

import io.keyward.workflows.servicenow.TicketActivities;
import io.keyward.workflows.servicenow.TicketUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-back of a worker without a ticket system: logs the note under {@code keyward.tickets}
 * and returns {@code not-configured}, so ceremonies with a ticket run the same without ServiceNow.
 */
public final class UnconfiguredTickets implements TicketActivities {
  private static final Logger LOG = LoggerFactory.getLogger("keyward.tickets");

  @Override
  public String writeBack(TicketUpdate update) {
    LOG.info(
        "[{} #{} {}] {} ({}; no ticket system configured)",
        update.ticket(),
        update.sequence(),
        update.state(),
        update.note(),
        update.subject());
    return "not-configured";
  }
}
