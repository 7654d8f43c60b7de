package io.keyward.workflows.rotation;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A planned manual rotation of one key (runbook 6.3): the key, the rotation date T, why, and who
 * asks. What the key is used for and how it is classified (which decide the approvals, runbook 6.1
 * and 2.2) are not the requester's to say: the rotation reads them from the key register. {@code
 * requester} is the authenticated person. {@code stepTimeout} bounds the approval and execution
 * steps at T, 72 hours by default.
 */
public record RotationRequest(
    KeyRef key,
    Instant rotationDate,
    String justification,
    Actor requester,
    String ticket,
    Duration stepTimeout) {

  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofHours(72);

  public RotationRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rotationDate, "rotationDate");
    Objects.requireNonNull(requester, "requester");
    if (stepTimeout == null) {
      stepTimeout = DEFAULT_STEP_TIMEOUT;
    }
  }

  /** {@code rotation/<vault>/<key>}: one manual rotation per key at a time. */
  public static String workflowId(KeyRef key) {
    return "rotation/" + key.vault() + "/" + key.name();
  }
}
