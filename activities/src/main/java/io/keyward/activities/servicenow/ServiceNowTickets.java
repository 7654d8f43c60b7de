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
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ceremony progress to ServiceNow tickets: finds the record by its number, then appends a
 * work note (with a link to the request in Keyward) and sets the state configured for the table. An
 * unreachable or throttling instance fails the attempt so Temporal retries it; on the last attempt,
 * and at once for an unknown ticket or refused credentials, the update is given up with a {@value
 * TicketActivities#WRITE_BACK_GIVEN_UP} audit record and the call returns {@code given-up}.
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
  private final Map<String, TaskRecord> records = new ConcurrentHashMap<>();

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
    try {
      TaskRecord record = find(update.ticket());
      client.patch(record, fields(record, update));
      return "servicenow:" + record.table() + "/" + record.sysId();
    } catch (TicketFailure failure) {
      if (failure.retryable() && !attempts.isLast()) {
        throw ApplicationFailure.newFailure(failure.getMessage(), UNAVAILABLE);
      }
      return giveUp(update, failure.getMessage());
    }
  }

  private TaskRecord find(String number) throws TicketFailure {
    TaskRecord known = records.get(number);
    if (known != null) {
      return known;
    }
    TaskRecord found =
        client
            .findByNumber(number)
            .orElseThrow(
                () -> new TicketFailure("ServiceNow has no task record numbered " + number, false));
    records.put(number, found);
    return found;
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
