package io.keyward.workflows.servicenow;

import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.TICKET;

import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;

/** Acknowledges the ticket, then holds the link for the deduplication window. */
public class ServiceNowTicketWorkflowImpl implements ServiceNowTicketWorkflow {
  /**
   * How long the link stays open. ServiceNow retries a delivery for minutes to hours; a month also
   * covers a record re-sent by hand. After it, the closed run still refuses a duplicate start until
   * the namespace's retention ends.
   */
  public static final Duration DEDUPLICATION_WINDOW = Duration.ofDays(30);

  private final TicketLink link;

  @WorkflowInit
  public ServiceNowTicketWorkflowImpl(TicketLink link) {
    this.link = link;
  }

  @Override
  public TicketLink run(TicketLink link) {
    Workflow.upsertTypedSearchAttributes(
        SearchAttributeUpdate.valueSet(KIND, "ServiceNowTicket"),
        SearchAttributeUpdate.valueSet(TICKET, link.record().number()));
    TicketWriteBack ticket =
        new TicketWriteBack(link.record().number(), TicketBinding.received(link.record()));
    ticket.post(TicketState.IN_PROGRESS, acknowledgement(link));
    ticket.awaitDelivered();
    Workflow.sleep(DEDUPLICATION_WINDOW);
    return link;
  }

  @Override
  public TicketLink link() {
    return link;
  }

  private static String acknowledgement(TicketLink link) {
    return "Keyward accepted this "
        + link.type().wireName().replace('_', ' ')
        + " record"
        + (link.requester() == null ? "" : " from " + link.requester())
        + " and runs it as workflow "
        + link.ceremonyWorkflowId()
        + ".";
  }
}
