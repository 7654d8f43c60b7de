package io.keyward.workflows.register;

import io.keyward.workflows.common.KeyRef;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The key register as ceremonies use it: they read the facts their rules need and write the facts
 * their steps establish. The only writer of the register; the API reads the store directly.
 */
@ActivityInterface(namePrefix = "Register")
public interface KeyRegisterActivities {
  RegisterLookup find(KeyRef key);

  /** The entries of {@code keys}, in their order, in one call. */
  List<RegisterLookup> findAll(List<KeyRef> keys);

  /** Applies the update (idempotent by its change id) and answers the entry afterwards. */
  RegisterLookup apply(RegisterUpdate update);
}
