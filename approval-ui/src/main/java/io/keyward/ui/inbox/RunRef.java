package io.keyward.ui.inbox;

import java.time.Instant;

/**
 * One workflow run as a listing names it: enough to query it, and what it published of its open
 * step when it publishes that ({@code published}, null for runs started before they did and for
 * listings without visibility).
 */
public record RunRef(
    String workflowId,
    String runId,
    String workflowType,
    Instant started,
    PublishedStep published) {}
