package io.keyward.api.servicenow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.api.generation.StartedGeneration;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.ServiceNowRecord;
import io.keyward.workflows.servicenow.TicketBinding;

/**
 * Key generation requests from ServiceNow (runbook 3.3 step 1), started through {@link
 * GenerationCeremonies} as the API starts them. A ceremony already running for the same key under
 * another ticket is not joined: the record is refused with 409.
 */
final class GenerationTickets implements TicketedCeremonies {
  private final GenerationCeremonies generations;
  private final TicketClaims claims;
  private final ObjectMapper json;

  GenerationTickets(GenerationCeremonies generations, TicketClaims claims, ObjectMapper json) {
    this.generations = generations;
    this.claims = claims;
    this.json = json;
  }

  @Override
  public RecordType type() {
    return RecordType.KEY_GENERATION;
  }

  @Override
  public StartedCeremony start(Actor requester, ServiceNowRecord record, JsonNode request)
      throws JsonProcessingException {
    KeyGenerationFields fields = RequestFields.read(json, request, KeyGenerationFields.class);
    KeyRef key = new KeyRef(fields.vault(), fields.name());
    claims.refuseIfRunningForAnotherTicket(
        GenerationRequest.workflowId(key), record.number(), "a generation ceremony for " + key);
    StartedGeneration started =
        generations.request(
            requester, fields.toBody(record.number()), TicketBinding.received(record));
    return new StartedCeremony(started.workflowId(), started.statusUrl());
  }
}
