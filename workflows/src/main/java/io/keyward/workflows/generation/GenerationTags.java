package io.keyward.workflows.generation;

import java.util.HashMap;
import java.util.Map;

/** The tags every generated key carries (runbook 3.2: Classification, Owner, Purpose, ...). */
public final class GenerationTags {
  public static final String CLASSIFICATION = "Classification";
  public static final String OWNER = "Owner";
  public static final String REQUESTED_BY = "RequestedBy";
  public static final String TICKET = "Ticket";
  public static final String CEREMONY = "KeywardCeremony";

  private GenerationTags() {}

  /** The requester's tags, overlaid with the ones Keyward sets and nobody may override. */
  public static Map<String, String> forRequest(GenerationRequest request, String workflowId) {
    Map<String, String> tags = new HashMap<>(request.spec().tags());
    tags.put(CLASSIFICATION, request.classification().name());
    tags.putIfAbsent(OWNER, request.requester().id());
    tags.put(REQUESTED_BY, request.requester().id());
    tags.put(CEREMONY, workflowId);
    if (request.ticket() != null && !request.ticket().isBlank()) {
      tags.put(TICKET, request.ticket());
    }
    return Map.copyOf(tags);
  }
}
