package io.keyward.worker;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.stores.Stores;
import java.time.Instant;

/** Puts keys in a test's key register, as their generation would have. */
final class RegisteredForTests {
  private RegisteredForTests() {}

  static void register(
      Stores stores, KeyRef key, Classification classification, KeyUsage usage, String owner) {
    stores
        .keyRegister()
        .apply(
            new RegisterUpdate(
                key,
                "test/" + key,
                "keygen/" + key,
                "test",
                Instant.EPOCH,
                classification,
                usage,
                new KeyOwner(null, owner),
                PolicyMatrix.policyFor(classification).protection(),
                null,
                KeyState.ACTIVE,
                null));
  }
}
