package io.keyward.api.servicenow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.ServiceNowRecord;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a verified ServiceNow delivery into a ceremony, once per record: checks the delivery, finds
 * what an earlier delivery of the same sys_id started, otherwise maps the requester, starts the
 * ceremony through its service and records the link. Every check comes before anything starts.
 */
public final class TicketIntake {
  private final ObjectMapper json;
  private final ServiceNowPeople people;
  private final TicketLinks links;
  private final Map<RecordType, TicketedCeremonies> ceremonies = new EnumMap<>(RecordType.class);

  TicketIntake(
      ObjectMapper json,
      ServiceNowPeople people,
      TicketLinks links,
      List<TicketedCeremonies> ceremonies) {
    this.json = json;
    this.people = people;
    this.links = links;
    ceremonies.forEach(c -> this.ceremonies.put(c.type(), c));
  }

  /**
   * @throws JsonProcessingException when the body is not the JSON of a delivery
   */
  public AcceptedDelivery accept(byte[] body) throws JsonProcessingException {
    if (body.length == 0) {
      throw new IllegalArgumentException("the body is empty: a JSON object is expected");
    }
    ServiceNowDelivery delivery = parse(body);
    if (delivery == null) {
      throw new IllegalArgumentException("the body is null: a JSON object is expected");
    }
    RecordType type = typeOf(delivery.recordType());
    ServiceNowRecord record =
        new ServiceNowRecord(delivery.table(), delivery.sysId(), delivery.number());
    Optional<AcceptedDelivery> earlier = links.find(record);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    TicketedCeremonies ceremony = ceremonies.get(type);
    if (ceremony == null) {
      throw new NotStartableException(
          "Keyward does not start " + type.wireName() + " records yet; nothing was started");
    }
    Actor requester = people.actorFor(type, delivery.personFor(type));
    if (delivery.request() == null || !delivery.request().isObject()) {
      throw new IllegalArgumentException(
          "request is required: an object with the fields of the " + type.wireName() + " record");
    }
    StartedCeremony started = ceremony.start(requester, record, delivery.request());
    return links.record(record, type, requester, started);
  }

  private ServiceNowDelivery parse(byte[] body) throws JsonProcessingException {
    try {
      return json.readValue(body, ServiceNowDelivery.class);
    } catch (JsonProcessingException malformed) {
      throw malformed;
    } catch (java.io.IOException unreadable) {
      throw new java.io.UncheckedIOException(unreadable);
    }
  }

  private static RecordType typeOf(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "record_type is required: one of " + RecordType.wireNames());
    }
    return RecordType.fromWireName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "record_type '"
                        + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                        + "' is not a record Keyward starts: one of "
                        + RecordType.wireNames()));
  }
}
