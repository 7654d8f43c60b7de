package io.keyward.workflows.hsm;

/**
 * The outcome of verifying a key's backup procedure: a backup was taken, restored under a scratch
 * name, used in a round trip there, and the scratch copy removed. Carries no backup data.
 */
public record BackupCheck(boolean passed, int versionsRestored, String detail) {}
