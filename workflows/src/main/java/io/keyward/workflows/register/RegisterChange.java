package io.keyward.workflows.register;

import io.keyward.workflows.common.KeyRef;
import java.time.Instant;

/**
 * One change of one fact, kept for ever: what it was, what it became, which ceremony changed it, on
 * whose decision, when. {@code from} is null when the key was registered by this change.
 */
public record RegisterChange(
    KeyRef key,
    KeyFact fact,
    String from,
    String to,
    String ceremony,
    String actor,
    Instant at,
    String changeId) {}
