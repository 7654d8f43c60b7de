package io.keyward.workflows.classification;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.policy.ClassificationPolicy;
import io.keyward.workflows.register.RegisteredKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The visible state of a classification change, as its query returns it.
 *
 * @param before the key's entry when the change started; null for a key the register did not hold
 * @param policy the quorum that decides: the higher of the old and the new classification's; null
 *     until the register was read
 */
public record ClassificationChangeState(
    ClassificationChangeRequest request,
    RegisteredKey before,
    ClassificationPolicy policy,
    ClassificationPhase phase,
    Set<Role> awaitingRoles,
    Instant stepDeadline,
    List<String> approvers,
    String denier,
    List<TimelineEntry> timeline,
    String outcomeReason) {}
