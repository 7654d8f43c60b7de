package io.keyward.api.servicenow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.api.rotation.ManualRotations;
import io.keyward.api.rotation.StartedRotation;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.servicenow.RecordType;
import io.keyward.workflows.servicenow.ServiceNowRecord;
import io.keyward.workflows.servicenow.TicketBinding;

/**
 * Rotation change requests from ServiceNow (runbook 6.3), planned through {@link ManualRotations}
 * as {@code POST /api/rotations} plans them. A rotation already planned for the key under another
 * ticket is not joined: the record is refused with 409.
 */
final class RotationTickets implements TicketedCeremonies {
  private final ManualRotations rotations;
  private final TicketClaims claims;
  private final ObjectMapper json;

  RotationTickets(ManualRotations rotations, TicketClaims claims, ObjectMapper json) {
    this.rotations = rotations;
    this.claims = claims;
    this.json = json;
  }

  @Override
  public RecordType type() {
    return RecordType.ROTATION;
  }

  @Override
  public StartedCeremony start(Actor requester, ServiceNowRecord record, JsonNode request)
      throws JsonProcessingException {
    RotationFields fields = RequestFields.read(json, request, RotationFields.class);
    KeyRef key = new KeyRef(fields.vault(), fields.name());
    claims.refuseIfRunningForAnotherTicket(
        RotationRequest.workflowId(key), record.number(), "a rotation of " + key);
    StartedRotation started =
        rotations.plan(requester, fields.toBody(record.number()), TicketBinding.received(record));
    return new StartedCeremony(started.workflowId(), started.statusUrl());
  }
}
