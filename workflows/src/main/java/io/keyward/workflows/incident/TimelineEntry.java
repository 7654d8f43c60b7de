package io.keyward.workflows.incident;

import java.time.Instant;

/** One line of an incident workflow's history as people read it; no secrets in any field. */
public record TimelineEntry(Instant at, String actor, String action, String detail) {}
