package io.keyward.api.servicenow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.ServiceNowRecord;

/**
 * Starts the ceremony of one {@link RecordType} through the same service the REST API uses, so a
 * record is checked and refused exactly like an API request. The ticket number goes into the
 * ceremony as its ticket, so the ceremony writes its progress back to it.
 */
public interface TicketedCeremonies {
  RecordType type();

  /**
   * Checks {@code request} completely, then starts the ceremony or finds the one this record
   * already started; starts nothing when a check fails.
   *
   * @throws JsonProcessingException when {@code request} does not have the fields of this type
   */
  StartedCeremony start(Actor requester, ServiceNowRecord record, JsonNode request)
      throws JsonProcessingException;
}
