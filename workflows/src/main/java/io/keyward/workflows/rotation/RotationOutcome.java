package io.keyward.workflows.rotation;

/**
 * How a manual rotation ended; {@code newVersion} is set once a version was created and {@code
 * oldVersion} is the version it replaced.
 */
public record RotationOutcome(
    RotationPhase phase, String oldVersion, String newVersion, String reason) {}
