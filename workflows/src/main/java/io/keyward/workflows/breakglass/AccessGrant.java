package io.keyward.workflows.breakglass;

import io.keyward.workflows.incident.IncidentId;
import java.time.Instant;
import java.util.Objects;

/**
 * Time-bound access of one person to the keys of a scope. {@code grantId} is the session's workflow
 * id, so a retried grant finds the one already recorded. The grant stops counting at {@code
 * expiresAt} even if nobody revoked it, and is removed by the session's revocation. {@code resetOf}
 * is the original run when a reset run asks for it ({@link io.keyward.workflows.common.ResetRuns}),
 * which is refused: a reset replays the approvals of a run that granted once already.
 */
public record AccessGrant(
    String grantId,
    String holder,
    IncidentId incident,
    BreakGlassScope scope,
    Instant grantedAt,
    Instant expiresAt,
    String resetOf) {
  /** A grant asked for by an original run. */
  public AccessGrant(
      String grantId,
      String holder,
      IncidentId incident,
      BreakGlassScope scope,
      Instant grantedAt,
      Instant expiresAt) {
    this(grantId, holder, incident, scope, grantedAt, expiresAt, null);
  }

  public AccessGrant {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(grantedAt, "grantedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(grantedAt)) {
      throw new IllegalArgumentException("a grant must expire after it was granted");
    }
  }

  /** True at {@code now} when the grant has not expired yet. */
  public boolean liveAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
