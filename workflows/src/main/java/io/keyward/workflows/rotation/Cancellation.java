package io.keyward.workflows.rotation;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/**
 * Calls the rotation off before it executes. {@code actor} comes from the authenticated principal.
 */
public record Cancellation(Actor actor, String reason) implements PersonCarrying {}
