package io.keyward.workflows.register;

import io.keyward.workflows.common.KeyRef;
import java.util.Optional;

/** A register read as an activity returns it: the key and its entry, null when unregistered. */
public record RegisterLookup(KeyRef key, RegisteredKey entry) {
  public Optional<RegisteredKey> found() {
    return Optional.ofNullable(entry);
  }
}
