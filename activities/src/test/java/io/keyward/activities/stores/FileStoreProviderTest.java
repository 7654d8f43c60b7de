package io.keyward.activities.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.access.JsonFileAccessGrantStore;
import io.keyward.activities.dependencies.JsonFileDependencyMap;
import io.keyward.activities.directory.HashPassword;
import io.keyward.activities.register.JsonFileKeyRegister;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.BreakGlassScope;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.stores.StoreProvider;
import io.keyward.workflows.stores.StoreSettings;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's way to the embedded stores: found on the class path, files where the worker keeps them.
 */
class FileStoreProviderTest {
  private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");
  private static final KeyRef KEY = new KeyRef("kv-orders", "orders-tde");

  @TempDir Path dir;

  @Test
  void isTheProviderOnTheClassPath() {
    assertThat(StoreProvider.onClassPath()).isInstanceOf(FileStoreProvider.class);
    assertThat(StoreProvider.onClassPath().name()).isEqualTo("files");
  }

  @Test
  void keepsGrantsAndTheDependencyMapBesideTheAuditTrailWhereTheWorkerLooks() {
    Path auditFile = dir.resolve("audit").resolve("audit.jsonl");
    StoreSettings settings = new StoreSettings(auditFile, null, null, true);
    FileStoreProvider stores = new FileStoreProvider();
    AccessGrant grant = grant();

    stores.openAccessGrantStore(settings).record(grant);
    stores.openDependencyMap(settings).replace(KEY, List.of(dependent()));

    assertThat(
            JsonFileAccessGrantStore.open(JsonFileAccessGrantStore.besideAuditTrail(auditFile))
                .find(grant.grantId()))
        .contains(grant);
    assertThat(
            new JsonFileDependencyMap(JsonFileDependencyMap.besideAuditTrail(auditFile))
                .dependentsOf(KEY))
        .containsExactly(dependent());
  }

  @Test
  void opensTheKeyRegisterTheWorkerWritesBesideTheAuditTrail() {
    Path auditFile = dir.resolve("audit").resolve("audit.jsonl");
    JsonFileKeyRegister worker =
        JsonFileKeyRegister.open(JsonFileKeyRegister.besideAuditTrail(auditFile));
    worker.apply(
        new RegisterUpdate(
            KEY,
            "c1",
            "keygen/x",
            "sam",
            java.time.Instant.EPOCH,
            Classification.SECRET,
            KeyUsage.DATABASE_TDE,
            new KeyOwner(null, "alice"),
            ProtectionLevel.MANAGED_HSM,
            null,
            KeyState.ACTIVE,
            null));

    assertThat(
            new FileStoreProvider()
                .openKeyRegister(new StoreSettings(auditFile, null, null, true))
                .find(KEY))
        .hasValueSatisfying(e -> assertThat(e.classification()).isEqualTo(Classification.SECRET));
  }

  @Test
  void usesTheGrantsFileTheConfigurationNames() {
    Path grantsFile = dir.resolve("elsewhere").resolve("grants.json");
    StoreSettings settings = new StoreSettings(dir.resolve("audit.jsonl"), grantsFile, null, true);

    new FileStoreProvider().openAccessGrantStore(settings).record(grant());

    assertThat(JsonFileAccessGrantStore.open(grantsFile).all()).containsExactly(grant());
  }

  @Test
  void opensTheDemoDirectoryWithoutAUsersFileAndTheUsersFileOtherwise() throws Exception {
    FileStoreProvider stores = new FileStoreProvider();
    Path usersFile =
        Files.writeString(
            dir.resolve("users.yml"),
            """
            users:
              - id: zoe
                name: Zoe Custodian
                email: zoe@example.com
                roles: [KEY_CUSTODIAN]
                passwordHash: "%s"
            """
                .formatted(HashPassword.hash("s3cret".toCharArray(), 4)));

    assertThat(
            stores
                .openDirectory(new StoreSettings(dir.resolve("a.jsonl"), null, null, true))
                .find("alice"))
        .isPresent();
    assertThatThrownBy(
            () ->
                stores.openDirectory(new StoreSettings(dir.resolve("a.jsonl"), null, null, false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no users file: set directory.usersFile");
    assertThat(
            stores
                .openDirectory(new StoreSettings(dir.resolve("a.jsonl"), null, usersFile, false))
                .find("alice"))
        .isEmpty();
    assertThat(
            stores
                .openDirectory(new StoreSettings(dir.resolve("a.jsonl"), null, usersFile, false))
                .find("zoe"))
        .isPresent();
  }

  @Test
  void verifiesTheTrailItOpenedAndRefusesOneThatDoesNotExist() throws Exception {
    FileStoreProvider stores = new FileStoreProvider();
    StoreSettings settings = new StoreSettings(dir.resolve("audit.jsonl"), null, null, true);
    try (AuditStore audit = stores.openAuditStore(settings)) {
      audit.append(
          new AuditEvent("e1", "keygen/kv-orders/orders-tde", "APPROVED", "olivia", AT, Map.of()));
    }

    assertThat(stores.verifyAuditTrail(settings)).isEqualTo(ChainVerification.intact(1));
    assertThatThrownBy(
            () ->
                stores.verifyAuditTrail(
                    new StoreSettings(dir.resolve("none.jsonl"), null, null, true)))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void itsEvidenceVerifierReadsTheTrailItIsGiven() {
    FileStoreProvider stores = new FileStoreProvider();
    try (AuditStore audit =
        stores.openAuditStore(new StoreSettings(dir.resolve("audit.jsonl"), null, null, true))) {
      assertThat(stores.evidenceVerifier(audit).verifyAll("compromise/INC1")).isEmpty();
    }
  }

  private static AccessGrant grant() {
    return new AccessGrant(
        "breakglass/INC1",
        "bruno",
        new IncidentId("INC1"),
        BreakGlassScope.ofKeys(List.of(KEY)),
        AT,
        AT.plusSeconds(900));
  }

  private static KeyDependent dependent() {
    return new KeyDependent("orders", "alice", "#orders");
  }
}
