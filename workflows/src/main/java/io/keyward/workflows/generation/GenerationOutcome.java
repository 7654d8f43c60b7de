package io.keyward.workflows.generation;

import io.keyward.workflows.hsm.KeyVersionInfo;

/** How a ceremony ended; {@code keyVersion} is set when a key was generated. */
public record GenerationOutcome(GenerationPhase phase, KeyVersionInfo keyVersion, String reason) {}
