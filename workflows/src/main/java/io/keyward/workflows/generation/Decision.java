package io.keyward.workflows.generation;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/** A person's decision at the open step. {@code actor} comes from the authenticated principal. */
public record Decision(Actor actor, DecisionType type, String reason) implements PersonCarrying {}
