package io.keyward.workflows.breakglass;

import java.time.Instant;

/** How a session ended; {@code revokedAt} is set when access had been granted. */
public record BreakGlassOutcome(
    BreakGlassPhase phase, String reason, int actionsRecorded, Instant revokedAt) {}
