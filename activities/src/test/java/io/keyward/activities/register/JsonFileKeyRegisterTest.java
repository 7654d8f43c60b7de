package io.keyward.activities.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.register.KeyFact;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterChange;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file key register: what one store writes another reads, every change kept, retries once. */
class JsonFileKeyRegisterTest {
  private static final KeyRef KEY = new KeyRef("kv-payments", "card-signing");
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;

  private JsonFileKeyRegister open() {
    return JsonFileKeyRegister.open(dir.resolve("register").resolve("keys.json"));
  }

  @Test
  void registersAKeyThatAnotherStoreOnTheSameFileSeesWithEveryFactsCeremony() throws Exception {
    open().apply(registration("keygen/kv-payments/card-signing/run/register"));

    RegisteredKey entry = open().find(KEY).orElseThrow();
    assertThat(entry.classification()).isEqualTo(Classification.SECRET);
    assertThat(entry.spec().describe()).contains("RSA");
    assertThat(entry.changedBy())
        .containsEntry(KeyFact.CLASSIFICATION, "keygen/kv-payments/card-signing")
        .containsEntry(KeyFact.STATE, "keygen/kv-payments/card-signing");
    assertThat(open().history(KEY)).extracting(RegisterChange::from).containsOnlyNulls();
    assertThat(Files.getPosixFilePermissions(open().path()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void keepsEveryChangeAndAppliesARetriedUpdateOnce() {
    JsonFileKeyRegister register = open();
    register.apply(registration("keygen/run/register"));
    RegisterUpdate compromised =
        RegisterUpdate.state(
            KEY,
            "compromise/INC1/run/register-compromised",
            "compromise/INC1",
            "sol",
            AT,
            KeyState.COMPROMISED,
            null);

    register.apply(compromised);
    register.apply(compromised);

    assertThat(register.find(KEY).orElseThrow().state()).isEqualTo(KeyState.COMPROMISED);
    assertThat(register.history(KEY))
        .filteredOn(c -> c.fact() == KeyFact.STATE)
        .extracting(RegisterChange::to)
        .containsExactly("ACTIVE", "COMPROMISED");
  }

  @Test
  void anUpdateOfAKeyItDoesNotHoldWritesNothing() {
    JsonFileKeyRegister register = open();

    assertThat(
            register.apply(
                RegisterUpdate.state(
                    KEY,
                    "lifecycle/run/register-ended",
                    "lifecycle/x",
                    null,
                    AT,
                    KeyState.RETIRED,
                    null)))
        .isEmpty();
    assertThat(register.find(KEY)).isEmpty();
    assertThat(register.all()).isEmpty();
    assertThat(Files.exists(register.path())).isFalse();
  }

  private static RegisterUpdate registration(String changeId) {
    return new RegisterUpdate(
        KEY,
        changeId,
        "keygen/kv-payments/card-signing",
        "sam",
        AT,
        Classification.SECRET,
        KeyUsage.DATABASE_TDE,
        new KeyOwner("payments", "alice"),
        ProtectionLevel.MANAGED_HSM,
        new KeySpec(KeyType.RSA, 3072, null, Set.of(KeyOperation.ENCRYPT), 365, null),
        KeyState.ACTIVE,
        "v1");
  }
}
