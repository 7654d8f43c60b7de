package io.keyward.api.access;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.register.RegisteredKey;
import java.util.Optional;

/**
 * Who may read a key's entry in the key register and its history: the people who run key management
 * (as for the key list) and the key's accountable owner. Everyone else gets 403 whether or not the
 * key is registered, so the register does not tell them which keys exist; those who may see every
 * key get 404 for a key the register does not hold.
 */
public final class KeyAccess {
  private KeyAccess() {}

  public static boolean maySee(Actor who, Optional<RegisteredKey> entry) {
    return KeyListAccess.seesAll(who)
        || entry.map(e -> e.owner().person().equals(who.id())).orElse(false);
  }
}
