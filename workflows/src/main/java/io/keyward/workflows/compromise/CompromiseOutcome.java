package io.keyward.workflows.compromise;

import java.time.Duration;

/** How a compromise response ended, with the time it took to disable the key. */
public record CompromiseOutcome(CompromisePhase phase, String reason, Duration timeToDisable) {}
