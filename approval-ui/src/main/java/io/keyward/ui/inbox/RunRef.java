package io.keyward.ui.inbox;

import java.time.Instant;

/** One workflow run as a listing names it: enough to query it. */
public record RunRef(String workflowId, String runId, String workflowType, Instant started) {}
