package io.keyward.activities.servicenow;

import io.keyward.workflows.servicenow.TicketActivities;
import io.keyward.workflows.servicenow.TicketUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-back of a worker without a ticket system: logs the note of a ticket bound to its
 * ceremony (one received by the webhook) under {@code keyward.tickets} and returns {@code
 * not-configured}, so ceremonies with a ticket run the same without ServiceNow. A ticket that is
 * not bound is a label only: nothing is written anywhere and the call returns {@code label-only}.
 */
public final class UnconfiguredTickets implements TicketActivities {
  private static final Logger LOG = LoggerFactory.getLogger("keyward.tickets");

  @Override
  public String writeBack(TicketUpdate update) {
    if (!update.bound()) {
      return "label-only";
    }
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
