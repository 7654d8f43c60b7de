package io.keyward.activities.servicenow;

import io.keyward.activities.integration.DeliveryAttempts;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.servicenow.ServiceNowTableClient.TaskRecord;
import io.keyward.workflows.integration.RequestLinks;
import io.keyward.workflows.servicenow.ServiceNowSettings;
import io.keyward.workflows.servicenow.TicketActivities;
import io.keyward.workflows.servicenow.TicketUpdate;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ceremony progress to ServiceNow tickets: appends a work note (with a link to the request
 * in Keyward) to the record the update is bound to ({@code <table>/<sys_id>} of its {@link
 * io.keyward.workflows.servicenow.TicketBinding}) and sets the state configured for the table. An
 * update whose ticket is not bound to the ceremony is never written, nor looked up: it is refused
 * with a {@value TicketActivities#WRITE_REFUSED} audit record and the call returns {@code refused}.
 * An unreachable or throttling instance fails the attempt so Temporal retries it; on the last
 * attempt, and at once for an unknown ticket or refused credentials, the update is given up with a
 * {@value TicketActivities#WRITE_BACK_GIVEN_UP} audit record and the call returns {@code given-up}.
 *
 * <p>A retry after a lost answer can append the same note twice; each note starts with the
 * ceremony's workflow id and the update's sequence number, so people can tell.
 */
public final class ServiceNowTickets implements TicketActivities {
  /** The failure type of an attempt that Temporal should retry. */
  public static final String UNAVAILABLE = "TicketSystemUnavailable";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceNowTickets.class);

  private final ServiceNowTableClient client;
  private final ServiceNowSettings settings;
  private final RequestLinks links;
  private final GiveUpRecord givenUp;
  private final DeliveryAttempts attempts;

  public ServiceNowTickets(
      ServiceNowTableClient client,
      ServiceNowSettings settings,
      GiveUpRecord givenUp,
      DeliveryAttempts attempts) {
    this.client = client;
    this.settings = settings;
    this.links = new RequestLinks(settings.uiBaseUrl());
    this.givenUp = givenUp;
    this.attempts = attempts;
  }

  /** The write-back with the client and the attempt limit of its settings. */
  public static ServiceNowTickets of(ServiceNowSettings settings, GiveUpRecord givenUp) {
    return new ServiceNowTickets(
        new ServiceNowTableClient(settings.baseUrl(), settings.user(), settings.password()),
        settings,
        givenUp,
        DeliveryAttempts.ofRunningActivity(settings.giveUpAfter()));
  }

  @Override
  public String writeBack(TicketUpdate update) {
    if (!update.bound()) {
      return refuse(update);
    }
    try {
      TaskRecord record =
          new TaskRecord(update.binding().record().table(), update.binding().record().sysId());
      client.patch(record, fields(record, update));
      return "servicenow:" + record.table() + "/" + record.sysId();
    } catch (TicketFailure failure) {
      if (failure.retryable() && !attempts.isLast()) {
        throw ApplicationFailure.newFailure(failure.getMessage(), UNAVAILABLE);
      }
      return giveUp(update, failure.getMessage());
    }
  }

  private String refuse(TicketUpdate update) {
    LOG.warn(
        "not writing update {} of ticket {} for {}: the ticket is not bound to the ceremony",
        update.sequence(),
        update.ticket(),
        update.subject());
    givenUp.write(
        WRITE_REFUSED,
        update.subject(),
        Map.of(
            "ticket", update.ticket(),
            "sequence", Integer.toString(update.sequence()),
            "state", update.state().name(),
            "reason",
                "the ticket was not received from ServiceNow for this ceremony nor requested by its"
                    + " requester: Keyward writes only to tickets it was given"),
        "refused");
    return "refused";
  }

  private Map<String, String> fields(TaskRecord record, TicketUpdate update) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(
        "work_notes",
        "[Keyward "
            + update.subject()
            + " #"
            + update.sequence()
            + "] "
            + update.note()
            + "\nFollow it in Keyward: "
            + links.pageFor(update.subject()));
    settings
        .states()
        .valueFor(record.table(), update.state())
        .ifPresent(v -> fields.put("state", v));
    return fields;
  }

  private String giveUp(TicketUpdate update, String reason) {
    LOG.warn(
        "giving up update {} of ticket {} for {}: {}",
        update.sequence(),
        update.ticket(),
        update.subject(),
        reason);
    givenUp.write(
        WRITE_BACK_GIVEN_UP,
        update.subject(),
        Map.of(
            "ticket", update.ticket(),
            "sequence", Integer.toString(update.sequence()),
            "state", update.state().name(),
            "reason", reason));
    return "given-up";
  }
}
