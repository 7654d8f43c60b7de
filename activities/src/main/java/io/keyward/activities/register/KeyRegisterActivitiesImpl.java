package io.keyward.activities.register;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.register.KeyRegisterActivities;
import io.keyward.workflows.register.RegisterLookup;
import io.keyward.workflows.register.RegisterUpdate;
import java.util.List;
import java.util.Objects;

/**
 * The key register as an activity: the one way anything writes it. A register that cannot be read
 * fails the attempt (retried by the workflow's policy); it never answers "not registered" for a
 * register it could not read.
 */
public final class KeyRegisterActivitiesImpl implements KeyRegisterActivities {
  private final KeyRegister register;

  public KeyRegisterActivitiesImpl(KeyRegister register) {
    this.register = Objects.requireNonNull(register, "register");
  }

  @Override
  public RegisterLookup find(KeyRef key) {
    if (key == null) {
      throw new IllegalArgumentException("no key named");
    }
    return new RegisterLookup(key, register.find(key).orElse(null));
  }

  @Override
  public List<RegisterLookup> findAll(List<KeyRef> keys) {
    return keys.stream().map(this::find).toList();
  }

  @Override
  public RegisterLookup apply(RegisterUpdate update) {
    if (update == null) {
      throw new IllegalArgumentException("no update");
    }
    return new RegisterLookup(update.key(), register.apply(update).orElse(null));
  }
}
