package io.keyward.workflows.classification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.register.KeyOwner;
import java.time.Duration;
import java.util.Objects;

/**
 * A request to set a key's classification and usage in the key register (runbook 2.1, Appendix A),
 * or its owner, or all of them for a key the register does not hold yet. {@code owner} may be null
 * for a registered key (it keeps its owner); {@code requester} is the authenticated person; {@code
 * stepTimeout} bounds the approval, 72 hours by default.
 */
public record ClassificationChangeRequest(
    KeyRef key,
    Classification classification,
    KeyUsage usage,
    KeyOwner owner,
    String justification,
    Actor requester,
    Duration stepTimeout)
    implements PersonCarrying {
  /** The {@code requester}: the person the API signs this start for. */
  @Override
  @JsonIgnore
  public Actor actor() {
    return requester;
  }

  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofHours(72);

  public ClassificationChangeRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(requester, "requester");
    if (stepTimeout == null) {
      stepTimeout = DEFAULT_STEP_TIMEOUT;
    }
  }

  /** {@code classification/<vault>/<key>}: one change per key at a time. */
  public static String workflowId(KeyRef key) {
    return "classification/" + key.vault() + "/" + key.name();
  }
}
