package io.keyward.workflows.hsm;

/** The outcome of a sign/verify or encrypt/decrypt check with one key version. */
public record RoundTripResult(String version, String operation, boolean passed, String detail) {}
