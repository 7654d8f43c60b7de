package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The whole visible state of a break-glass session, as its query returns it.
 *
 * @param assessment the keys in scope and the level they require; null while being assessed
 * @param deadline when the open human step (authorisation, review) is due; null otherwise
 * @param grant the access granted, with its expiry; null before the grant
 * @param revocation set once the grant was removed and read back as gone
 * @param revokedAt workflow time when the revocation was verified
 * @param revocationReason why the access ended: the time was up, or who ended it early
 */
public record BreakGlassState(
    BreakGlassDeclaration declaration,
    BreakGlassPhase phase,
    ScopeAssessment assessment,
    Set<Role> awaitingRoles,
    Instant deadline,
    List<Approval> approvals,
    String deniedBy,
    AccessGrant grant,
    List<RecordedAction> actions,
    Revocation revocation,
    Instant revokedAt,
    String revocationReason,
    String reviewer,
    String findings,
    List<TimelineEntry> timeline,
    String outcomeReason) {}
