package io.keyward.activities.hsm;

/**
 * A software provider backup: the key's file as it is at rest (material sealed under the master
 * secret) under a format marker. Restorable only where the same master secret is configured.
 */
record KeyBackup(String format, KeyFile key) {
  static final String FORMAT = "keyward-software-backup/1";
}
