package io.keyward.api.servicenow;

import io.keyward.api.rotation.RotationRequestBody;
import io.keyward.workflows.policy.KeyUsage;

/**
 * The {@code request} of a {@code rotation} record: the same fields as {@code POST /api/rotations}
 * without the ticket, which is the record's number. {@code rotationDate} is T, as {@code
 * 2027-03-01} or {@code 2027-03-01T09:00:00Z}.
 */
record RotationFields(
    String vault, String name, KeyUsage usage, String rotationDate, String justification) {
  RotationRequestBody toBody(String ticket) {
    return new RotationRequestBody(vault, name, usage, rotationDate, justification, ticket);
  }
}
