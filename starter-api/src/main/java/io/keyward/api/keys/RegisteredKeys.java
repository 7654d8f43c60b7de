package io.keyward.api.keys;

import io.keyward.api.access.KeyAccess;
import io.keyward.api.errors.ForbiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.register.RegisteredKey;
import java.util.Optional;

/**
 * The API's view of the key register, which it only reads: the facts and history of a key for those
 * {@link KeyAccess} lets see it, and the entries the other services check requests against.
 */
public final class RegisteredKeys {
  private final KeyRegister register;

  public RegisteredKeys(KeyRegister register) {
    this.register = register;
  }

  public Optional<RegisteredKey> find(KeyRef key) {
    return register.find(key);
  }

  /** The entry and its history; 403 for who may not see it, 404 for a key not registered. */
  public KeyRegisterView visible(Actor who, KeyRef key) {
    Optional<RegisteredKey> entry = register.find(key);
    if (!KeyAccess.maySee(who, entry)) {
      throw new ForbiddenException(
          "a key's register entry is visible to key management and the key's owner");
    }
    return entry
        .map(e -> new KeyRegisterView(e, register.history(key)))
        .orElseThrow(
            () ->
                new NotFoundException(
                    key
                        + " is not in the key register: it counts as ULTRA until a classification"
                        + " ceremony sets its facts"));
  }
}
