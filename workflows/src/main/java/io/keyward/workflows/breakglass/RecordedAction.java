package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.KeyRef;
import java.time.Instant;

/** An action as the session recorded it, numbered in the order it was reported. */
public record RecordedAction(
    int sequence, Instant at, String actor, KeyRef key, String action, String detail) {}
