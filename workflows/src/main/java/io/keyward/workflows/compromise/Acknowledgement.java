package io.keyward.workflows.compromise;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/**
 * A responder takes ownership of the incident (runbook 17.2), which stops its escalation timer;
 * {@code actor} comes from the authenticated principal.
 */
public record Acknowledgement(Actor actor, String note) implements PersonCarrying {
  public static final int MAX_NOTE = 2000;
}
