package io.keyward.workflows.breakglass;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/** An approver's decision; {@code actor} comes from the authenticated principal. */
public record Authorisation(Actor actor, AuthorisationDecision decision, String reason)
    implements PersonCarrying {}
