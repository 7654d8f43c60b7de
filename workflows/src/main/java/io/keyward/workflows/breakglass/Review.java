package io.keyward.workflows.breakglass;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/**
 * The post-incident review of a session (runbook 8.3 "immediate post-incident review"): what the
 * reviewer found about the access and the actions taken with it.
 */
public record Review(Actor actor, String findings) implements PersonCarrying {
  public static final int MAX_FINDINGS = 4000;
}
