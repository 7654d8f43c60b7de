package io.keyward.workflows.rotation;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.RotationRule;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The whole visible state of a manual rotation, as its query returns it.
 *
 * @param rotationDate the date T, as last rescheduled
 * @param preRotationAt T-30, when the pre-rotation phase starts (or started)
 * @param approvals who approved at T, as {@code "slot: person"}
 * @param validation the last post-rotation round trip with the new version
 */
public record RotationState(
    RotationRequest request,
    RotationRule rule,
    Classification classification,
    RotationPhase phase,
    Set<Role> awaitingRoles,
    Instant stepDeadline,
    Instant rotationDate,
    Instant preRotationAt,
    PreRotationChecks checks,
    String securityReviewer,
    List<String> approvals,
    String executor,
    String oldVersion,
    String newVersion,
    Instant executedAt,
    RoundTripResult validation,
    String validationDecider,
    String monitoringReviewer,
    List<TimelineEntry> timeline,
    String outcomeReason) {}
