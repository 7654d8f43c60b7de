package io.keyward.workflows.hsm;

/**
 * The outcome of verifying a key's backup procedure (runbook 6.3 T-30). Where the provider can,
 * Keyward proves it: a backup was taken, restored under a scratch name, used in a round trip there,
 * and the scratch copy removed. Where it cannot (keys that never leave the HSM, whose backup is the
 * HSM partition's own; a vault that restores only under the key's own name), the check asks a
 * person who may back keys up to confirm the backup instead. Carries no backup data.
 *
 * @param confirmationNeeded Keyward could not restore the backup itself; {@code detail} says why
 * @param confirmedBy who confirmed the backup when a confirmation was needed, else null
 */
public record BackupCheck(
    boolean passed,
    int versionsRestored,
    String detail,
    boolean confirmationNeeded,
    String confirmedBy) {

  /** A check Keyward ran itself. */
  public BackupCheck(boolean passed, int versionsRestored, String detail) {
    this(passed, versionsRestored, detail, false, null);
  }

  /** Keyward cannot restore this backup; a person confirms it. */
  public static BackupCheck needsConfirmation(String why) {
    return new BackupCheck(false, 0, why, true, null);
  }

  /** Whether a person may confirm this backup now. */
  public boolean awaitsConfirmation() {
    return confirmationNeeded && confirmedBy == null;
  }

  /** The same check, passed on the word of {@code person}, who said {@code how}. */
  public BackupCheck confirmed(String person, String how) {
    return new BackupCheck(true, 0, detail + "; confirmed by " + person + ": " + how, true, person);
  }
}
