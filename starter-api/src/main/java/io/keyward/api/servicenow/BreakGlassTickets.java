package io.keyward.api.servicenow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.api.breakglass.StartedSession;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.ServiceNowRecord;
import io.keyward.workflows.servicenow.TicketBinding;

/**
 * Break-glass declarations from ServiceNow (runbook 8.3 "emergency declared via incident management
 * system"), started through {@link BreakGlassSessions} as {@code POST /api/break-glass} starts
 * them, with the incident's number as the incident id and the person who opened it as the declarer.
 */
final class BreakGlassTickets implements TicketedCeremonies {
  private final BreakGlassSessions sessions;
  private final ObjectMapper json;

  BreakGlassTickets(BreakGlassSessions sessions, ObjectMapper json) {
    this.sessions = sessions;
    this.json = json;
  }

  @Override
  public RecordType type() {
    return RecordType.BREAK_GLASS;
  }

  @Override
  public StartedCeremony start(Actor requester, ServiceNowRecord record, JsonNode request)
      throws JsonProcessingException {
    BreakGlassFields fields = RequestFields.read(json, request, BreakGlassFields.class);
    StartedSession started =
        sessions.declare(requester, fields.toBody(record.number()), TicketBinding.received(record));
    return new StartedCeremony(started.workflowId(), started.statusUrl());
  }
}
