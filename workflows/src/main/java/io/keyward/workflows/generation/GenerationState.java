package io.keyward.workflows.generation;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.ClassificationPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The whole visible state of a generation ceremony, as its query returns it. */
public record GenerationState(
    GenerationRequest request,
    ClassificationPolicy policy,
    GenerationPhase phase,
    Set<Role> awaitingRoles,
    Instant stepDeadline,
    List<String> approvers,
    String custodian1,
    String custodian2,
    String securityValidator,
    KeyVersionInfo keyVersion,
    List<TimelineEntry> timeline,
    String outcomeReason) {}
