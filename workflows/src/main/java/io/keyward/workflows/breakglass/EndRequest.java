package io.keyward.workflows.breakglass;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/** Ends an active session before its time is up; the access is revoked at once. */
public record EndRequest(Actor actor, String reason) implements PersonCarrying {}
