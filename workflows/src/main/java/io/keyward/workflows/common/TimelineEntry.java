package io.keyward.workflows.common;

import java.time.Instant;

/** One line of a ceremony's history as people read it. */
public record TimelineEntry(Instant at, String actor, String action, String detail) {}
