package io.keyward.activities.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.audit.AuditHashChain;
import io.keyward.activities.audit.AuditTrailDamagedException;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.BreakGlassScope;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.register.KeyFact;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterChange;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
import io.keyward.workflows.signin.FailureCount;
import io.keyward.workflows.signin.StartedSignIn;
import io.keyward.workflows.signin.WebSession;
import io.keyward.workflows.signin.WebSessions;
import io.keyward.workflows.stores.DatabaseSettings;
import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.PersonCredential;
import io.keyward.workflows.webauthn.WebAuthnChallenges;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every database the stores run on must do, run against the embedded database always and
 * against a real PostgreSQL where one is configured: one authenticated chain under concurrency,
 * idempotent appends, every kind of tampering reported, appends that go on after damage, the grants
 * and dependency map shared between processes, failed sign-ins counted atomically and forgotten,
 * web sessions and started sign-ins shared, kept only as hashes of their tokens, taken once and
 * expired, WebAuthn credentials approved once and revoked for good, and WebAuthn challenges taken
 * once, by their person only, until they expire.
 */
abstract class StoreConformanceTest {
  private static final KeyRef KEY = new KeyRef("kv-orders", "orders-tde");
  private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path dir;
  private TestDatabase database;
  private DatabaseSettings settings;
  private JdbcStores stores;

  /** The database under test. */
  abstract TestDatabase database();

  @BeforeEach
  void openStores() throws Exception {
    database = database();
    settings = database.fresh(dir);
    stores = JdbcStores.open(settings);
  }

  @AfterEach
  void closeStores() throws Exception {
    if (stores != null) {
      stores.close();
    }
    if (settings != null) {
      database.close();
    }
  }

  private List<AuditRecord> appendNumbered(int count) {
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      records.add(stores.audit().append(Events.numbered(i)));
    }
    return records;
  }

  @Test
  void chainsRecordsThatVerify() {
    List<AuditRecord> records = appendNumbered(120);

    assertThat(records)
        .extracting(AuditRecord::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 120).boxed().toList());
    assertThat(records.get(0).previousHash()).isEqualTo(AuditHashChain.GENESIS_HASH);
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).previousHash()).isEqualTo(records.get(i - 1).hash());
    }
    assertThat(stores.audit().verify()).isEqualTo(ChainVerification.intact(120));
    assertThat(JdbcStores.verifyAuditTrail(settings, receiptOf(records.get(119))))
        .isEqualTo(ChainVerification.intact(120));
  }

  @Test
  void anEmptyTrailIsIntact() {
    assertThat(stores.audit().verify()).isEqualTo(ChainVerification.intact(0));
  }

  @Test
  void theSameEventAppendedTwiceIsStoredOnceAndTheFirstWriteWins() {
    AuditEvent first = Events.event("rotation/kv/orders/execute", "rotation/kv/orders");
    AuditRecord stored = stores.audit().append(first);

    AuditRecord again =
        stores
            .audit()
            .append(
                new AuditEvent(
                    first.eventId(), first.subject(), "OTHER", "mallory", AT, first.details()));

    assertThat(again).isEqualTo(stored);
    assertThat(stores.audit().recordsFor("rotation/kv/orders")).containsExactly(stored);
    assertThat(stores.audit().verify()).isEqualTo(ChainVerification.intact(1));
  }

  @Test
  void readsTheRecordsOfOneSubjectInChainOrder() {
    AuditRecord a = stores.audit().append(Events.event("a/1", "a"));
    stores.audit().append(Events.event("b/1", "b"));
    AuditRecord a2 = stores.audit().append(Events.event("a/2", "a"));

    assertThat(stores.audit().recordsFor("a")).containsExactly(a, a2);
    assertThat(stores.audit().recordsFor("nobody")).isEmpty();
  }

  @Test
  void refusesAnEventWithoutAnIdOrWithAnIdTooLongToStore() {
    assertThatThrownBy(() -> stores.audit().append(Events.event(" ", "s")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stores.audit().append(Events.event("x".repeat(1001), "s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 1000");
    assertThat(stores.audit().verify()).isEqualTo(ChainVerification.intact(0));
  }

  /**
   * A verification reads the head and the records as one snapshot: while four threads append, every
   * verification finds the trail intact (on H2, whose repeatable read is not a snapshot, some found
   * the head ahead of the records they had read and reported the trail truncated).
   */
  @Test
  void aVerificationWhileOthersAppendFindsTheTrailIntact() throws Exception {
    appendNumbered(20);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> appenders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String prefix = "appender-" + t;
      appenders.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 400; i++) {
                  stores.audit().append(Events.event(prefix + "-" + i, "keygen/kv/appended"));
                }
                return null;
              }));
    }
    List<ChainVerification> verdicts = new ArrayList<>();
    while (verdicts.isEmpty() || appenders.stream().anyMatch(appender -> !appender.isDone())) {
      verdicts.add(stores.audit().verify());
    }
    for (Future<?> appender : appenders) {
      appender.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();

    assertThat(verdicts)
        .allSatisfy(verdict -> assertThat(verdict.intact()).as(verdict.toString()).isTrue());
    assertThat(stores.audit().verify()).isEqualTo(ChainVerification.intact(20 + 4 * 400));
  }

  @Test
  void manyThreadsOnTwoPoolsMakeOneChainWithNothingLostOrDuplicated() throws Exception {
    int threads = 8;
    int each = 130;
    int shared = 20;
    try (JdbcStores other = JdbcStores.open(settings)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JdbcStores target = t % 2 == 0 ? stores : other;
        String prefix = "thread-" + t;
        done.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      ConcurrentAppends.append(target.audit(), prefix, each, shared);
                      return null;
                    }));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
    }

    assertOneChainOf(
        expectedIds(
            List.of(
                "thread-0",
                "thread-1",
                "thread-2",
                "thread-3",
                "thread-4",
                "thread-5",
                "thread-6",
                "thread-7"),
            each,
            shared));
  }

  /**
   * Four JVMs, as two API replicas and two workers are (each opens its own pool on the database),
   * appending 1,010 events at once, 50 of them the same events appended by every process (as
   * retried appends are): one chain, nothing lost, nothing stored twice.
   */
  @Test
  void fourProcessesAppendingAtOnceMakeOneChain() throws Exception {
    int each = 240;
    int shared = 50;
    List<String> prefixes = List.of("api-a", "api-b", "worker-a", "worker-b");
    List<Process> processes = new ArrayList<>();
    for (String prefix : prefixes) {
      processes.add(
          ConcurrentAppends.inAnotherJvm(
              database.environment(settings),
              prefix,
              Integer.toString(each),
              Integer.toString(shared)));
    }
    for (Process process : processes) {
      String output = ConcurrentAppends.outputOf(process);
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
    }

    assertOneChainOf(expectedIds(prefixes, each, shared));
  }

  private static Set<String> expectedIds(List<String> prefixes, int each, int shared) {
    Set<String> ids = new HashSet<>();
    for (String prefix : prefixes) {
      for (int i = 1; i <= each; i++) {
        ids.add(prefix + "/" + i);
      }
    }
    for (int i = 1; i <= shared; i++) {
      ids.add("shared/" + i);
    }
    return ids;
  }

  private void assertOneChainOf(Set<String> expected) throws Exception {
    Intruder reader = new Intruder(stores);
    assertThat(expected.size()).isGreaterThanOrEqualTo(1000);
    assertThat(reader.count("SELECT COUNT(*) FROM audit_records")).isEqualTo(expected.size());
    assertThat(reader.count("SELECT COUNT(DISTINCT event_id) FROM audit_records"))
        .isEqualTo(expected.size());
    assertThat(reader.count("SELECT MAX(sequence) FROM audit_records")).isEqualTo(expected.size());
    Set<String> stored = new HashSet<>();
    for (String subject : expected.stream().map(id -> id.substring(0, id.indexOf('/'))).toList()) {
      stores.audit().recordsFor(subject).forEach(r -> stored.add(r.event().eventId()));
    }
    assertThat(stored).isEqualTo(expected);
    assertThat(stores.audit().verify()).isEqualTo(ChainVerification.intact(expected.size()));
  }

  @Test
  void reportsAnEditedRecordAtExactlyThatRecordAndKeepsAppending() throws Exception {
    appendNumbered(20);
    new Intruder(stores).editDetail(11, "\"APPROVE\"", "\"DENY\"");

    ChainVerification result = stores.audit().verify();
    assertThat(result.firstBrokenSequence()).isEqualTo(11);
    assertThat(result.problem()).startsWith("edited");
    assertThat(result.recordsChecked()).isEqualTo(10);

    AuditRecord after = stores.audit().append(Events.numbered(21));
    assertThat(after.sequence()).isEqualTo(21);
    assertThat(stores.audit().verify().firstBrokenSequence()).isEqualTo(11);
    assertThatThrownBy(() -> stores.audit().recordsFor("keygen/kv/payments"))
        .isInstanceOf(AuditTrailDamagedException.class)
        .hasMessageContaining("#11");
  }

  @Test
  void reportsARecordRewrittenWithARecomputedHashAsNotAuthenticated() throws Exception {
    appendNumbered(10);
    new Intruder(stores).rewriteWithNewHash(4);

    ChainVerification result = stores.audit().verify();

    assertThat(result.firstBrokenSequence()).isEqualTo(4);
    assertThat(result.problem()).startsWith("bad MAC").contains("2 problems in all");
  }

  @Test
  void reportsADeletedRecordAsAGap() throws Exception {
    appendNumbered(10);
    new Intruder(stores).deleteRecord(6);

    ChainVerification result = stores.audit().verify();

    assertThat(result.firstBrokenSequence()).isEqualTo(6);
    assertThat(result.problem()).startsWith("gap: record #6 is missing");
  }

  @Test
  void reportsAnUnreadableRecordAndAppendsAfterIt() throws Exception {
    appendNumbered(5);
    new Intruder(stores).corruptJson(3);

    stores.audit().append(Events.numbered(6));

    ChainVerification result = stores.audit().verify();
    assertThat(result.firstBrokenSequence()).isEqualTo(3);
    assertThat(result.problem()).startsWith("unreadable record");
    // The retried event of the unreadable record still gets its receipt, and is not stored twice.
    assertThat(stores.audit().append(Events.numbered(3)).sequence()).isEqualTo(3);
    assertThat(new Intruder(stores).count("SELECT COUNT(*) FROM audit_records")).isEqualTo(6);
  }

  @Test
  void reportsATailCutOffWithoutTheHeadAgainstTheHead() throws Exception {
    appendNumbered(10);
    new Intruder(stores).truncateAfter(7, false);

    ChainVerification result = stores.audit().verify();

    assertThat(result.firstBrokenSequence()).isEqualTo(8);
    assertThat(result.problem()).contains("truncated").contains("#10");
  }

  @Test
  void reportsATailCutOffWithTheHeadAgainstTheLatestReceipt() throws Exception {
    List<AuditRecord> records = appendNumbered(10);
    new Intruder(stores).truncateAfter(7, true);

    assertThat(stores.audit().verify()).isEqualTo(ChainVerification.intact(7));
    ChainVerification result = stores.audit().verify(receiptOf(records.get(9)));

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSequence()).isEqualTo(8);
    assertThat(result.problem())
        .isEqualTo("truncated: the receipt names record #10 but the trail ends at #7");
  }

  @Test
  void reportsARecordThatIsNotTheOneItsReceiptNames() {
    appendNumbered(3);

    ChainVerification result =
        stores.audit().verify(new AuditReceipt(2, AuditHashChain.GENESIS_HASH));

    assertThat(result.firstBrokenSequence()).isEqualTo(2);
    assertThat(result.problem()).contains("not the one the receipt names");
  }

  @Test
  void aSecondOpenOfTheSameDatabaseMigratesNothingAndSeesTheTrail() {
    appendNumbered(3);

    try (JdbcStores again = JdbcStores.open(settings)) {
      assertThat(again.audit().verify()).isEqualTo(ChainVerification.intact(3));
      again.check();
    }
  }

  @Test
  void aKeyRegisteredByOneProcessIsSeenByAnotherWithEveryChangeKept() {
    try (JdbcStores other = JdbcStores.open(settings)) {
      stores.keyRegister().apply(registration("keygen/run/register-register"));
      RegisterUpdate compromised =
          RegisterUpdate.state(
              KEY,
              "compromise/INC1/run/register-compromised",
              "compromise/INC1",
              "sol",
              AT,
              KeyState.COMPROMISED,
              null);
      other.keyRegister().apply(compromised);
      other.keyRegister().apply(compromised);

      RegisteredKey entry = stores.keyRegister().find(KEY).orElseThrow();
      assertThat(entry.classification()).isEqualTo(Classification.SECRET);
      assertThat(entry.state()).isEqualTo(KeyState.COMPROMISED);
      assertThat(entry.changedBy())
          .containsEntry(KeyFact.CLASSIFICATION, "keygen/kv-orders/orders-tde")
          .containsEntry(KeyFact.STATE, "compromise/INC1");
      assertThat(other.keyRegister().history(KEY))
          .filteredOn(c -> c.fact() == KeyFact.STATE)
          .extracting(RegisterChange::to)
          .as("a retried update is applied once")
          .containsExactly("ACTIVE", "COMPROMISED");
      assertThat(other.keyRegister().all()).extracting(RegisteredKey::key).containsExactly(KEY);
    }
  }

  @Test
  void anUpdateOfAKeyTheRegisterDoesNotHoldWritesNothing() {
    assertThat(
            stores
                .keyRegister()
                .apply(
                    RegisterUpdate.state(
                        KEY,
                        "lifecycle/run/register-ended",
                        "lifecycle/x",
                        null,
                        AT,
                        KeyState.RETIRED,
                        null)))
        .isEmpty();
    assertThat(stores.keyRegister().find(KEY)).isEmpty();
    assertThat(stores.keyRegister().history(KEY)).isEmpty();
  }

  @Test
  void twoPoolsRegisteringOneKeyAtOnceLeaveOneEntry() throws Exception {
    try (JdbcStores other = JdbcStores.open(settings)) {
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        Future<?> first =
            threads.submit(() -> stores.keyRegister().apply(registration("keygen/a/register")));
        Future<?> second =
            threads.submit(() -> other.keyRegister().apply(registration("keygen/b/register")));
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
      } finally {
        threads.shutdownNow();
      }
      assertThat(stores.keyRegister().all()).hasSize(1);
      assertThat(stores.keyRegister().history(KEY))
          .filteredOn(c -> c.fact() == KeyFact.CLASSIFICATION)
          .hasSize(1);
    }
  }

  private static RegisterUpdate registration(String changeId) {
    return new RegisterUpdate(
        KEY,
        changeId,
        "keygen/kv-orders/orders-tde",
        "sam",
        AT,
        Classification.SECRET,
        KeyUsage.DATABASE_TDE,
        new KeyOwner("orders", "alice"),
        ProtectionLevel.MANAGED_HSM,
        null,
        KeyState.ACTIVE,
        "v1");
  }

  @Test
  void aGrantRecordedByOneProcessIsSeenByAnotherUntilItIsRemoved() {
    AccessGrant grant = grant("INC1", "bruno");
    try (JdbcStores other = JdbcStores.open(settings)) {
      stores.accessGrants().record(grant);

      assertThat(other.accessGrants().find(grant.grantId())).contains(grant);
      assertThat(other.accessGrants().liveGrant(grant.grantId(), "bruno", AT)).contains(grant);
      assertThat(other.accessGrants().liveGrant(grant.grantId(), "bruno", AT.plusSeconds(900)))
          .isEmpty();

      assertThat(other.accessGrants().remove(grant.grantId())).isTrue();
      assertThat(other.accessGrants().remove(grant.grantId())).isFalse();
      assertThat(stores.accessGrants().find(grant.grantId())).isEmpty();
    }
  }

  @Test
  void aSecondRecordOfTheSameGrantKeepsTheFirstAndAllListsOldestFirst() {
    AccessGrant first = grant("INC2", "bruno");
    stores.accessGrants().record(first);
    stores.accessGrants().record(grant("INC1", "carla"));

    assertThat(stores.accessGrants().record(grant("INC2", "mallory"))).isEqualTo(first);
    assertThat(stores.accessGrants().all())
        .extracting(AccessGrant::grantId)
        .containsExactly("breakglass/INC2", "breakglass/INC1");
  }

  @Test
  void theDependencyMapIsReplacedPerKeyAndListedInNameOrder() {
    KeyRef other = new KeyRef("kv-a", "billing");
    KeyDependent gateway = new KeyDependent("payments-gateway", "alice", "#payments");
    KeyDependent ledger = new KeyDependent("ledger", "bob", "ledger@example.com");

    stores.dependencyMap().replace(KEY, List.of(gateway, ledger));
    stores.dependencyMap().replace(other, List.of(ledger));
    stores.dependencyMap().replace(KEY, List.of(ledger, gateway));

    assertThat(stores.dependencyMap().dependentsOf(KEY)).containsExactly(ledger, gateway);
    assertThat(stores.dependencyMap().all().keySet()).containsExactly(other, KEY);

    stores.dependencyMap().replace(KEY, List.of());
    assertThat(stores.dependencyMap().dependentsOf(KEY)).isEmpty();
    assertThat(stores.dependencyMap().all()).containsOnlyKeys(other);
    assertThatThrownBy(
            () -> stores.dependencyMap().replace(KEY, List.of(new KeyDependent("", "bob", "x"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDamagedDependencyListFailsInsteadOfAnsweringNoDependents() throws Exception {
    stores.dependencyMap().replace(KEY, List.of(new KeyDependent("ledger", "bob", "#ledger")));
    new Intruder(stores).corruptDependents(KEY);

    assertThatThrownBy(() -> stores.dependencyMap().dependentsOf(KEY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dependency list cannot be read");
  }

  @Test
  void aCredentialIsApprovedOnceSeenByAnotherProcessAndRevokedForGood() {
    try (JdbcStores other = JdbcStores.open(settings)) {
      stores.credentials().register(credential("cred-olivia-1", "olivia"));
      assertThat(other.credentials().find("cred-olivia-1").orElseThrow().state())
          .isEqualTo(CredentialState.PENDING);
      assertThat(other.credentials().inState(CredentialState.ACTIVE)).isEmpty();

      assertThat(other.credentials().activate("cred-olivia-1", "lena", AT.plusSeconds(60)))
          .isTrue();
      assertThat(stores.credentials().activate("cred-olivia-1", "lena", AT.plusSeconds(61)))
          .isFalse();
      PersonCredential active = stores.credentials().find("cred-olivia-1").orElseThrow();
      assertThat(active.state()).isEqualTo(CredentialState.ACTIVE);
      assertThat(active.approvedBy()).isEqualTo("lena");
      assertThat(active.approvedAt()).isEqualTo(AT.plusSeconds(60));
      assertThat(stores.credentials().inState(CredentialState.ACTIVE))
          .extracting(PersonCredential::credentialId)
          .containsExactly("cred-olivia-1");

      assertThat(stores.credentials().revoke("cred-olivia-1", "olivia", AT.plusSeconds(120)))
          .isTrue();
      assertThat(other.credentials().revoke("cred-olivia-1", "lena", AT.plusSeconds(121)))
          .isFalse();
      assertThat(other.credentials().activate("cred-olivia-1", "lena", AT.plusSeconds(122)))
          .isFalse();
      PersonCredential revoked = other.credentials().find("cred-olivia-1").orElseThrow();
      assertThat(revoked.state()).isEqualTo(CredentialState.REVOKED);
      assertThat(revoked.revokedBy()).isEqualTo("olivia");
      assertThat(other.credentials().inState(CredentialState.ACTIVE)).isEmpty();
    }
  }

  @Test
  void listsAPersonsCredentialsOldestFirstAndRefusesOneRegisteredTwice() {
    stores.credentials().register(credential("cred-b", "kim"));
    stores
        .credentials()
        .register(
            PersonCredential.pending(
                "kim", "cred-a", "pk", 0, "localhost", "http://localhost", AT.plusSeconds(5)));
    stores.credentials().register(credential("cred-c", "kai"));

    assertThat(stores.credentials().ofPerson("kim"))
        .extracting(PersonCredential::credentialId)
        .containsExactly("cred-b", "cred-a");
    assertThatThrownBy(() -> stores.credentials().register(credential("cred-b", "kai")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
    assertThat(stores.credentials().find("cred-b").orElseThrow().personId()).isEqualTo("kim");
  }

  @Test
  void theSignCounterOfACredentialOnlyRises() {
    stores.credentials().register(credential("cred-count", "sam"));

    stores.credentials().raiseSignCount("cred-count", 7);
    stores.credentials().raiseSignCount("cred-count", 3);

    assertThat(stores.credentials().find("cred-count").orElseThrow().signCount()).isEqualTo(7);
  }

  private static PersonCredential credential(String id, String person) {
    return PersonCredential.pending(
        person, id, "pQECAyYgASFYIA", 0, "localhost", "http://localhost:8080", AT);
  }

  @Test
  void answersTheHealthCheck() {
    stores.check();
  }

  @Test
  void countsFailedSignInsInARowSeenByAnotherProcessAndForgetsThemAWindowAfterTheLast() {
    try (JdbcStores other = JdbcStores.open(settings)) {
      assertThat(stores.signInFailures().add("name:lena", AT, HOUR))
          .isEqualTo(new FailureCount(1, AT));
      FailureCount second = other.signInFailures().add("name:lena", AT.plusSeconds(50 * 60), HOUR);

      assertThat(second).isEqualTo(new FailureCount(2, AT.plusSeconds(50 * 60)));
      assertThat(stores.signInFailures().current("name:lena", AT.plus(HOUR), HOUR))
          .contains(second);
      assertThat(other.signInFailures().current("name:lena", AT.plusSeconds(110 * 60), HOUR))
          .isEmpty();
      assertThat(stores.signInFailures().current("address:192.0.2.1", AT, HOUR)).isEmpty();
      assertThat(stores.signInFailures().add("name:lena", AT.plusSeconds(110 * 60), HOUR))
          .isEqualTo(new FailureCount(1, AT.plusSeconds(110 * 60)));
    }
  }

  @Test
  void aFailedSignInKeepsItsTimeToTheMicrosecondAndTheLaterOfTwo() {
    Instant precise = AT.plusNanos(123_456_789);

    assertThat(stores.signInFailures().add("name:lena", precise, HOUR).last())
        .isEqualTo(AT.plusNanos(123_456_000));
    assertThat(stores.signInFailures().add("name:lena", AT, HOUR))
        .as("a replica whose clock is behind")
        .isEqualTo(new FailureCount(2, AT.plusNanos(123_456_000)));
  }

  @Test
  void clearsTheFailuresOfOneKeyAndRefusesKeysItCannotStore() {
    stores.signInFailures().add("name:lena", AT, HOUR);
    stores.signInFailures().add("address:192.0.2.1", AT, HOUR);
    String longest = "name:" + "x".repeat(195);
    stores.signInFailures().add(longest, AT, HOUR);

    stores.signInFailures().clear("name:lena");
    stores.signInFailures().clear("name:nobody");

    assertThat(stores.signInFailures().current("name:lena", AT, HOUR)).isEmpty();
    assertThat(stores.signInFailures().current("address:192.0.2.1", AT, HOUR)).isPresent();
    assertThat(stores.signInFailures().current(longest, AT, HOUR)).isPresent();
    assertThatThrownBy(() -> stores.signInFailures().add(longest + "x", AT, HOUR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stores.signInFailures().current("", AT, HOUR))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyThreadsOnTwoPoolsCountingOneNewKeyEachCountOnce() throws Exception {
    int threads = 8;
    int each = 25;
    try (JdbcStores other = JdbcStores.open(settings)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<List<Integer>>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JdbcStores target = t % 2 == 0 ? stores : other;
        done.add(
            pool.submit(
                () -> {
                  List<Integer> counts = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    counts.add(target.signInFailures().add("name:mallory", AT, HOUR).failures());
                  }
                  return counts;
                }));
      }
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> f : done) {
        all.addAll(f.get(5, TimeUnit.MINUTES));
      }
      pool.shutdown();

      assertThat(all)
          .as("every add answered a count of its own")
          .containsExactlyInAnyOrderElementsOf(
              IntStream.rangeClosed(1, threads * each).boxed().toList());
      assertThat(other.signInFailures().current("name:mallory", AT, HOUR))
          .contains(new FailureCount(threads * each, AT));
    }
  }

  @Test
  void dropsCountsOnceForgottenAndKeepsThoseCountedInALongerWindow() throws Exception {
    stores.signInFailures().add("name:lena", AT, HOUR);
    stores.signInFailures().add("address:192.0.2.1", AT, Duration.ofHours(3));

    stores.signInFailures().add("name:olivia", AT.plus(Duration.ofHours(2)), HOUR);

    assertThat(signInFailureKeys()).containsExactlyInAnyOrder("address:192.0.2.1", "name:olivia");
    assertThat(
            stores
                .signInFailures()
                .current("address:192.0.2.1", AT.plus(Duration.ofHours(2)), Duration.ofHours(3)))
        .contains(new FailureCount(1, AT));
  }

  @Test
  void aWebSessionOpenedByOneProcessIsFoundByAnotherUntilItExpires() {
    try (JdbcStores other = JdbcStores.open(settings)) {
      WebSession session = webSession(AT, AT.plus(HOUR));
      stores.webSessions().open("session-id-1", session, 10);

      assertThat(other.webSessions().find("session-id-1", AT.plus(Duration.ofMinutes(59))))
          .contains(session);
      assertThat(other.webSessions().find("session-id-1", AT.plus(HOUR))).isEmpty();
      assertThat(other.webSessions().find("session-id-2", AT)).isEmpty();
      assertThat(other.webSessions().count(AT)).isEqualTo(1);
      assertThat(other.webSessions().count(AT.plus(HOUR))).isZero();
    }
  }

  @Test
  void aWebSessionSeenAgainLivesLongerAndOneClosedIsGoneForEveryProcess() {
    try (JdbcStores other = JdbcStores.open(settings)) {
      stores.webSessions().open("session-id", webSession(AT, AT.plus(HOUR)), 10);

      other
          .webSessions()
          .seen("session-id", AT.plus(HOUR.dividedBy(2)), AT.plus(HOUR.multipliedBy(2)));
      WebSession seen = stores.webSessions().find("session-id", AT.plus(HOUR)).orElseThrow();
      assertThat(seen.lastSeen()).isEqualTo(AT.plus(HOUR.dividedBy(2)));

      other.webSessions().close("session-id");
      assertThat(stores.webSessions().find("session-id", AT)).isEmpty();
    }
  }

  @Test
  void keepsOnlyTheHashOfAWebSessionIdAndDropsTheSessionIdleLongestWhenFull() throws Exception {
    for (int i = 1; i <= 4; i++) {
      Instant at = AT.plus(Duration.ofMinutes(i));
      stores.webSessions().open("session-" + i, webSession(at, at.plus(HOUR)), 3);
    }

    assertThat(stores.webSessions().find("session-1", AT)).isEmpty();
    assertThat(stores.webSessions().find("session-4", AT)).isPresent();
    assertThat(stores.webSessions().count(AT)).isEqualTo(3);
    assertThat(columnValues("web_sessions", "id_hash"))
        .hasSize(3)
        .allMatch(hash -> hash.matches("[0-9a-f]{64}"))
        .noneMatch(hash -> hash.contains("session-"));
  }

  @Test
  void deletesExpiredWebSessionsNowAndThen() throws Exception {
    stores.webSessions().open("short", webSession(AT, AT.plus(Duration.ofMinutes(5))), 10);
    stores.webSessions().open("long", webSession(AT, AT.plus(HOUR.multipliedBy(3))), 10);

    try (JdbcStores other = JdbcStores.open(settings)) {
      other
          .webSessions()
          .open("late", webSession(AT.plus(HOUR), AT.plus(HOUR.multipliedBy(2))), 10);
    }

    assertThat(columnValues("web_sessions", "user_id")).hasSize(2);
  }

  @Test
  void aNoticeKeptForAWebSessionIsTakenOnceByWhicheverProcess() {
    try (JdbcStores other = JdbcStores.open(settings)) {
      stores.webSessions().open("session-id", webSession(AT, AT.plus(HOUR)), 10);
      stores
          .webSessions()
          .keepNotice("session-id", new WebSessions.PageNotice("DONE", "You approved"));

      assertThat(other.webSessions().takeNotice("session-id"))
          .contains(new WebSessions.PageNotice("DONE", "You approved"));
      assertThat(stores.webSessions().takeNotice("session-id")).isEmpty();
    }
  }

  @Test
  void aStartedSignInIsTakenOnceByOneOfTwoProcessesAndNotAfterItExpires() throws Exception {
    StartedSignIn signIn =
        new StartedSignIn(
            "state-1",
            "nonce-1",
            "verifier-1",
            URI.create("https://keyward.example/ui/sign-in/oidc/callback"),
            "/ui/inbox",
            Duration.ofMinutes(5),
            AT);
    try (JdbcStores other = JdbcStores.open(settings)) {
      stores.startedSignIns().keep("token-1", signIn, AT.plus(Duration.ofMinutes(10)), 10);
      stores.startedSignIns().keep("token-2", signIn, AT.plus(Duration.ofMinutes(10)), 10);

      assertThat(columnValues("started_sign_ins", "token_hash"))
          .noneMatch(hash -> hash.contains("token-"));
      assertThat(other.startedSignIns().take("token-1", AT.plus(Duration.ofMinutes(9))))
          .contains(signIn);
      assertThat(stores.startedSignIns().take("token-1", AT.plus(Duration.ofMinutes(9)))).isEmpty();
      assertThat(stores.startedSignIns().take("token-2", AT.plus(Duration.ofMinutes(10))))
          .isEmpty();
      assertThat(columnValues("started_sign_ins", "state")).isEmpty();
    }
  }

  @Test
  void aWebAuthnChallengeIsTakenOnceThoughTwoProcessesTakeItAtOnce() throws Exception {
    int rounds = 20;
    try (JdbcStores other = JdbcStores.open(settings)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < rounds; round++) {
          String challenge = "challenge-" + round;
          stores.webAuthnChallenges().issue("kai", challenge, AT);
          CyclicBarrier together = new CyclicBarrier(2);
          List<Future<Optional<String>>> taken = new ArrayList<>();
          for (JdbcStores replica : List.of(stores, other)) {
            taken.add(
                pool.submit(
                    () -> {
                      together.await();
                      return replica.webAuthnChallenges().take("kai", AT.plusSeconds(1));
                    }));
          }
          List<Optional<String>> answers = new ArrayList<>();
          for (Future<Optional<String>> answer : taken) {
            answers.add(answer.get(5, TimeUnit.MINUTES));
          }
          assertThat(answers)
              .as("round %d: one of the two takes gets the challenge", round)
              .containsExactlyInAnyOrder(Optional.of(challenge), Optional.empty());
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void aWebAuthnChallengeExpiresFiveMinutesAfterItWasIssuedAndIsThenDeleted() throws Exception {
    Duration valid = WebAuthnChallenges.VALID_FOR;
    assertThat(valid).isEqualTo(Duration.ofMinutes(5));
    stores.webAuthnChallenges().issue("kim", "kims-challenge", AT);
    stores.webAuthnChallenges().issue("sam", "sams-challenge", AT);

    assertThat(stores.webAuthnChallenges().take("kim", AT.plus(valid).minusMillis(1)))
        .contains("kims-challenge");
    assertThat(stores.webAuthnChallenges().take("sam", AT.plus(valid))).isEmpty();

    stores.webAuthnChallenges().issue("lena", "lenas-challenge", AT.plus(Duration.ofMinutes(6)));
    stores.webAuthnChallenges().issue("olivia", "olivias-challenge", AT);
    stores.webAuthnChallenges().issue("kai", "kais-challenge", AT.plus(Duration.ofMinutes(10)));

    assertThat(columnValues("webauthn_challenges", "person_id"))
        .as("expired challenges are deleted")
        .containsExactlyInAnyOrder("lena", "kai");
  }

  @Test
  void aWebAuthnChallengeAnswersOnlyItsPersonAndANewOneReplacesTheOpenOne() {
    try (JdbcStores other = JdbcStores.open(settings)) {
      stores.webAuthnChallenges().issue("alice", "alices-first", AT);

      assertThat(other.webAuthnChallenges().take("bob", AT)).isEmpty();
      assertThat(other.webAuthnChallenges().take("Alice", AT)).isEmpty();

      other.webAuthnChallenges().issue("alice", "alices-second", AT);
      assertThat(stores.webAuthnChallenges().take("alice", AT)).contains("alices-second");
      assertThat(other.webAuthnChallenges().take("alice", AT)).isEmpty();
      assertThatThrownBy(() -> stores.webAuthnChallenges().issue("", "challenge", AT))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static WebSession webSession(Instant signedInAt, Instant expiresAt) {
    return new WebSession(
        "csrf-token",
        new DirectoryUser(
            "olivia",
            "Olivia Officer",
            "olivia@example.com",
            Set.of(Role.CRYPTO_OFFICER, Role.KEY_CUSTODIAN)),
        signedInAt,
        signedInAt.minusSeconds(30),
        signedInAt,
        expiresAt);
  }

  private List<String> columnValues(String table, String column) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = stores.dataSource().getConnection();
        Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT " + column + " FROM " + table)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private List<String> signInFailureKeys() throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection connection = stores.dataSource().getConnection();
        Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT failure_key FROM sign_in_failures")) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    return keys;
  }

  private static AuditReceipt receiptOf(AuditRecord record) {
    return new AuditReceipt(record.sequence(), record.hash());
  }

  private static AccessGrant grant(String id, String holder) {
    return new AccessGrant(
        "breakglass/" + id,
        holder,
        new IncidentId(id),
        BreakGlassScope.ofKeys(List.of(KEY)),
        AT,
        AT.plus(Duration.ofMinutes(15)));
  }
}
