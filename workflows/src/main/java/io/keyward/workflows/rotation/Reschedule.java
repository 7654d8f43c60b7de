package io.keyward.workflows.rotation;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import java.time.Instant;

/**
 * Moves the rotation date T while the rotation waits. {@code actor} comes from the authenticated
 * principal.
 */
public record Reschedule(Actor actor, Instant rotationDate, String reason)
    implements PersonCarrying {}
