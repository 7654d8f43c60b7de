package io.keyward.workflows.credential;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;

/** A lead's decision on an enrolment; {@code actor} is the authenticated person. */
public record EnrolmentDecision(Actor actor, EnrolmentDecisionType type, String reason)
    implements PersonCarrying {}
