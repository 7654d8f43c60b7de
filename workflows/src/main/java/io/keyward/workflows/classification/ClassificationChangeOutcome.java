package io.keyward.workflows.classification;

/** How a classification change ended, and why. */
public record ClassificationChangeOutcome(ClassificationPhase phase, String reason) {}
