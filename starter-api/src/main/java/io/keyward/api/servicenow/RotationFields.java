package io.keyward.api.servicenow;

import io.keyward.api.rotation.RotationRequestBody;

/**
 * The {@code request} of a {@code rotation} record: the same fields as {@code POST /api/rotations}
 * without the ticket, which is the record's number. {@code rotationDate} is T, as {@code
 * 2027-03-01} or {@code 2027-03-01T09:00:00Z}. A {@code usage} or {@code classification} is refused
 * as the API refuses it: the key register holds them.
 */
record RotationFields(
    String vault,
    String name,
    String rotationDate,
    String justification,
    Object usage,
    Object classification) {
  RotationRequestBody toBody(String ticket) {
    return new RotationRequestBody(
        vault, name, rotationDate, justification, ticket, usage, classification);
  }
}
