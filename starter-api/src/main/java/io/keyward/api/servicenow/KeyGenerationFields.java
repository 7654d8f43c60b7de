package io.keyward.api.servicenow;

import io.keyward.api.generation.GenerationRequestBody;
import io.keyward.api.generation.KeySpecBody;
import io.keyward.workflows.policy.Classification;

/**
 * The {@code request} of a {@code key_generation} record: the same fields as {@code POST
 * /api/generations} without the ticket, which is the record's number.
 */
record KeyGenerationFields(
    String vault,
    String name,
    Classification classification,
    KeySpecBody spec,
    String justification) {
  GenerationRequestBody toBody(String ticket) {
    return new GenerationRequestBody(vault, name, classification, spec, justification, ticket);
  }
}
