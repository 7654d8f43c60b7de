package io.keyward.workflows.generation;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeySpec;
import java.time.Duration;

/**
 * A request for a new key (runbook 3.3 step 1). {@code requester} is the authenticated person;
 * {@code stepTimeout} bounds each human step (approval, custodians, security), 72 hours by default.
 */
public record GenerationRequest(
    KeyRef key,
    KeySpec spec,
    Classification classification,
    String justification,
    Actor requester,
    String ticket,
    Duration stepTimeout) {

  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofHours(72);

  public GenerationRequest {
    if (stepTimeout == null) {
      stepTimeout = DEFAULT_STEP_TIMEOUT;
    }
  }

  /** {@code keygen/<vault>/<key>}: one ceremony per key at a time. */
  public static String workflowId(KeyRef key) {
    return "keygen/" + key.vault() + "/" + key.name();
  }
}
