package io.keyward.workflows.rotation;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.KeyUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A planned manual rotation of one key (runbook 6.3): the key, what it is used for (which decides
 * the approvals, runbook 6.1), the rotation date T, why, and who asks. {@code requester} is the
 * authenticated person. {@code stepTimeout} bounds the approval and execution steps at T, 72 hours
 * by default.
 */
public record RotationRequest(
    KeyRef key,
    KeyUsage usage,
    Instant rotationDate,
    String justification,
    Actor requester,
    String ticket,
    Duration stepTimeout) {

  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofHours(72);

  public RotationRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(usage, "usage");
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
