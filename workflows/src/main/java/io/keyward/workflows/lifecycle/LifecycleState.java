package io.keyward.workflows.lifecycle;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.RotationMode;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Set;

/**
 * The visible state of a key's lifecycle, as its query returns it: the rule that applies, the
 * version in use and when it expires, and what the lifecycle does next and when.
 */
public record LifecycleState(
    KeyRef key,
    KeyUsage usage,
    Classification classification,
    RotationMode mode,
    Period rotationInterval,
    int cycle,
    LifecyclePhase phase,
    String currentVersion,
    Instant currentExpires,
    String newVersion,
    LifecycleAction nextAction,
    Instant nextActionAt,
    Set<Role> awaitingRoles,
    List<String> approvals,
    String enrolledBy,
    Instant enrolledAt,
    List<RotationRecord> rotations) {}
