package io.keyward.workflows.register;

import java.util.Optional;

/** How a ceremony's finding moves a registered key's state. Plain code. */
public final class KeyStates {
  private KeyStates() {}

  /**
   * A lifecycle found no enabled version of the key: RETIRED when the provider holds no version at
   * all, DISABLED when it holds only disabled ones. A compromised key stays COMPROMISED, and a key
   * the register does not hold stays out of it: empty means nothing to write.
   */
  public static Optional<KeyState> whenNoVersionIsEnabled(
      Optional<RegisteredKey> entry, boolean providerHoldsNone) {
    if (entry.isEmpty() || entry.get().state() == KeyState.COMPROMISED) {
      return Optional.empty();
    }
    KeyState found = providerHoldsNone ? KeyState.RETIRED : KeyState.DISABLED;
    return found == entry.get().state() ? Optional.empty() : Optional.of(found);
  }
}
