package io.keyward.api.servicenow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.api.compromise.CompromiseResponses;
import io.keyward.api.compromise.StartedResponse;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.ServiceNowRecord;
import io.keyward.workflows.servicenow.TicketBinding;

/**
 * Compromise incidents from ServiceNow (runbook 11), started through {@link CompromiseResponses} as
 * {@code POST /api/compromises} starts them, with the incident's number as the incident id and the
 * person who opened it as the reporter.
 */
final class CompromiseTickets implements TicketedCeremonies {
  private final CompromiseResponses responses;
  private final ObjectMapper json;

  CompromiseTickets(CompromiseResponses responses, ObjectMapper json) {
    this.responses = responses;
    this.json = json;
  }

  @Override
  public RecordType type() {
    return RecordType.COMPROMISE;
  }

  @Override
  public StartedCeremony start(Actor requester, ServiceNowRecord record, JsonNode request)
      throws JsonProcessingException {
    CompromiseFields fields = RequestFields.read(json, request, CompromiseFields.class);
    StartedResponse started =
        responses.report(requester, fields.toBody(record.number()), TicketBinding.received(record));
    return new StartedCeremony(started.workflowId(), started.statusUrl());
  }
}
