package io.keyward.workflows.generation;

import io.keyward.workflows.hsm.KeyTags;
import java.util.HashMap;
import java.util.Map;

/** The tags a generated key carries ({@link KeyTags}), from its request. */
public final class GenerationTags {
  private GenerationTags() {}

  /** The requester's tags, overlaid with the ones Keyward sets and nobody may override. */
  public static Map<String, String> forRequest(GenerationRequest request, String workflowId) {
    Map<String, String> tags = new HashMap<>(request.spec().tags());
    tags.put(KeyTags.CLASSIFICATION, request.classification().name());
    tags.putIfAbsent(KeyTags.OWNER, request.requester().id());
    tags.put(KeyTags.REQUESTED_BY, request.requester().id());
    tags.put(KeyTags.CEREMONY, workflowId);
    if (request.ticket() != null && !request.ticket().isBlank()) {
      tags.put(KeyTags.TICKET, request.ticket());
    }
    return Map.copyOf(tags);
  }
}
