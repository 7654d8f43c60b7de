package io.keyward.workflows.classification;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/** An approver's decision on a classification change; {@code actor} is the authenticated person. */
public record ClassificationDecision(Actor actor, ClassificationDecisionType type, String reason)
    implements PersonCarrying {}
