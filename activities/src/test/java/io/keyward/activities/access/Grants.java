package io.keyward.activities.access;

import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.BreakGlassScope;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.incident.IncidentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Grants for tests. */
final class Grants {
  static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

  private Grants() {}

  static AccessGrant grant(String id, String holder) {
    return new AccessGrant(
        "breakglass/" + id,
        holder,
        new IncidentId(id),
        BreakGlassScope.ofKeys(List.of(new KeyRef("kv-orders", "orders-tde"))),
        AT,
        AT.plus(Duration.ofMinutes(15)));
  }
}
