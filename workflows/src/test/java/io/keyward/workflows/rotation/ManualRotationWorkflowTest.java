package io.keyward.workflows.rotation;

import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.DANA;
import static io.keyward.workflows.testing.People.KAI;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.OLIVIA;
import static io.keyward.workflows.testing.People.OSCAR;
import static io.keyward.workflows.testing.People.SAM;
import static io.keyward.workflows.testing.People.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.ProtectionLevel;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.register.KeyFact;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryDependencies;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.PeopleKeys;
import io.keyward.workflows.testing.RecordingAudit;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.ScriptedKeys;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runbook 6.3, manual rotation of a high-value key, with time skipping: T-30 pre-rotation, the wait
 * until T, dual-control execution and the T+7 post-rotation phase, walked in seconds.
 */
class ManualRotationWorkflowTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef KEY = new KeyRef("kv-secret-prod", "payments-tde");
  private static final Actor SOL = new Actor("sol", Set.of(Role.SECURITY_OPERATIONS));
  private static final Actor BOB = new Actor("bob", Set.of(Role.BOARD_MEMBER));
  private static final Actor ANDY = new Actor("andy", Set.of(Role.APPLICATION_OWNER));
  private static final Actor AUDREY = new Actor("audrey", Set.of(Role.SECURITY_AUDITOR));

  @RegisterExtension
  static final WorkflowTestServer server = WorkflowTestServer.withKeywardSearchAttributes();

  private final PeopleKeys people =
      new PeopleKeys()
          .enrol(ALICE, CAROL, DANA, KAI, KIM, LENA, OLIVIA, OSCAR, SAM, TOM, SOL, BOB, ANDY);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ScriptedKeys keys;
  private RecordingAudit audit;
  private RecordingNotifications notifications;
  private InMemoryDependencies dependencies;

  @BeforeEach
  void startWorker() {
    env = server.env();
    keys = new ScriptedKeys();
    audit = new RecordingAudit();
    notifications = new RecordingNotifications();
    dependencies = new InMemoryDependencies();
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(ManualRotationWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(),
              keys,
              audit,
              notifications,
              dependencies,
              people.credentials());
        });
    client = env.getWorkflowClient();
    existingKey(KEY);
    dependencies.put(
        KEY,
        List.of(
            new KeyDependent("payments-db", "alice", "#payments-oncall"),
            new KeyDependent("ledger-service", "alice", "ledger@example.com")));
  }

  @Test
  void walksAFullRotationFromTMinus30ThroughTPlus7() {
    Instant t = now().plus(Duration.ofDays(45));
    ManualRotationWorkflow rotation = plan(KeyUsage.DATABASE_TDE, t, ALICE);

    assertThat(rotation.state().phase()).isEqualTo(RotationPhase.SCHEDULED);
    assertThat(rotation.state().preRotationAt()).isEqualTo(t.minus(Duration.ofDays(30)));
    env.sleep(Duration.ofDays(14));
    assertThat(rotation.state().phase()).isEqualTo(RotationPhase.SCHEDULED);
    assertThat(notifications.sent()).isEmpty();

    env.sleep(Duration.ofDays(1));
    RotationState review = awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    assertThat(review.checks().dependents())
        .extracting(KeyDependent::application)
        .containsExactly("payments-db", "ledger-service");
    assertThat(review.checks().dependencyFindings()).isEmpty();
    assertThat(review.checks().backupVerified()).isTrue();
    assertThat(review.checks().stakeholdersNotified()).isEqualTo(3);
    assertThat(review.classification()).isEqualTo(Classification.SECRET);
    assertThat(notifications.awaitTitled("Key rotation planned", 3))
        .hasSize(3)
        .allSatisfy(n -> assertThat(n.at()).isAfterOrEqualTo(t.minus(Duration.ofDays(30))))
        .anySatisfy(n -> assertThat(n.notification().text()).contains("payments-db (owner alice"));
    assertThat(review.awaitingRoles())
        .containsExactlyInAnyOrder(Role.SECURITY_ENGINEER, Role.SECURITY_TEAM_LEAD);

    decide(rotation, new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, "reviewed"));
    awaitPhase(rotation, RotationPhase.WAITING_FOR_ROTATION_DATE);
    env.sleep(Duration.ofDays(29));
    assertThat(rotation.state().phase()).isEqualTo(RotationPhase.WAITING_FOR_ROTATION_DATE);
    assertThat(keys.listVersions(KEY)).hasSize(1);

    env.sleep(Duration.ofDays(1));
    RotationState atT = awaitPhase(rotation, RotationPhase.AWAITING_APPROVAL);
    assertThat(atT.awaitingRoles())
        .containsExactlyInAnyOrder(Role.SECURITY_ENGINEER, Role.SECURITY_TEAM_LEAD);
    decide(rotation, new RotationDecision(LENA, RotationDecisionType.APPROVE, "CHG0099 approved"));
    awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION);
    assertThat(notifications.awaitTitled("Key rotation needs approval", 1))
        .singleElement()
        .satisfies(
            n -> assertThat(n.notification().action()).isEqualTo(NoticeAction.APPROVE_OR_DENY));
    decide(rotation, new RotationDecision(KIM, RotationDecisionType.EXECUTE, null));

    RotationState monitoring = awaitPhase(rotation, RotationPhase.MONITORING);
    assertThat(monitoring.oldVersion()).isEqualTo("v1");
    assertThat(monitoring.newVersion()).isEqualTo("v2");
    assertThat(keys.listVersions(KEY)).allMatch(KeyVersionInfo::enabled).hasSize(2);
    KeyVersionInfo made = keys.describe(KEY, "v2");
    assertThat(made.tags())
        .containsEntry(NextVersion.ROTATED_FROM, "v1")
        .containsEntry("KeyUsage", "DATABASE_TDE");
    assertThat(made.expires())
        .isEqualTo(monitoring.executedAt().atOffset(ZoneOffset.UTC).plusYears(2).toInstant());
    assertThat(monitoring.stepDeadline())
        .isEqualTo(monitoring.executedAt().plus(Duration.ofDays(7)));

    env.sleep(Duration.ofDays(7));
    RotationState validated = awaitPhase(rotation, RotationPhase.AWAITING_MONITORING_REVIEW);
    assertThat(validated.validation().passed()).isTrue();
    assertThat(keys.describe(KEY, "v1").enabled()).as("old version until the review").isTrue();
    decide(
        rotation, new RotationDecision(SOL, RotationDecisionType.CONFIRM_MONITORING, "no alerts"));

    RotationOutcome outcome = outcomeOf(rotation);
    assertThat(outcome.phase()).isEqualTo(RotationPhase.COMPLETED);
    assertThat(outcome.oldVersion()).isEqualTo("v1");
    assertThat(outcome.newVersion()).isEqualTo("v2");
    assertThat(keys.describe(KEY, "v1").enabled()).isFalse();
    assertThat(keys.describe(KEY, "v2").enabled()).isTrue();
    HistoryRecorder.saveIfAsked(
        client, RotationRequest.workflowId(KEY), "rotation-manual-completed");
    assertThat(audit.types())
        .containsSubsequence(
            "ROTATION_REQUESTED",
            "PRE_ROTATION_CHECKED",
            "ROTATION_DECISION_APPROVE_REVIEW",
            "ROTATION_DECISION_APPROVE",
            "ROTATION_DECISION_EXECUTE",
            "KEY_ROTATED",
            "POST_ROTATION_VALIDATED",
            "ROTATION_DECISION_CONFIRM_MONITORING",
            "OLD_VERSION_DEACTIVATED",
            "ROTATION_COMPLETED");
    assertThat(rotation.state().approvals()).containsExactly("security team: lena");
  }

  @Test
  void publishesThePhaseAndTheRotationDateAsSearchAttributes() {
    Instant t = now().plus(Duration.ofDays(60));
    plan(KeyUsage.DATABASE_TDE, t, ALICE);

    var attributes = searchAttributesOnceSet(RotationRequest.workflowId(KEY));
    assertThat(attributes.get(KeywardSearchAttributes.KIND)).isEqualTo("ManualRotation");
    assertThat(attributes.get(KeywardSearchAttributes.PHASE)).isEqualTo("SCHEDULED");
    assertThat(attributes.get(KeywardSearchAttributes.DUE_AT).toInstant()).isEqualTo(t);
    assertThat(attributes.get(KeywardSearchAttributes.KEY_NAME)).isEqualTo(KEY.toString());
  }

  @Test
  void startsThePreRotationPhaseAtOnceWhenTIsCloserThanThirtyDays() {
    ManualRotationWorkflow rotation =
        plan(KeyUsage.DATABASE_TDE, now().plus(Duration.ofDays(3)), ALICE);

    RotationState review = awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    assertThat(review.stepDeadline()).isEqualTo(review.rotationDate());
    assertThat(notifications.awaitTitled("Key rotation planned", 3)).hasSize(3);
  }

  @Test
  void rescheduleWhileWaitingMovesTheTimers() {
    Instant t = now().plus(Duration.ofDays(40));
    ManualRotationWorkflow rotation = plan(KeyUsage.DATABASE_TDE, t, ALICE);
    Instant later = t.plus(Duration.ofDays(30));

    RotationState moved =
        rotation.reschedule(new Reschedule(OLIVIA, later, "payments freeze until month end"));

    assertThat(moved.rotationDate()).isEqualTo(later);
    assertThat(moved.preRotationAt()).isEqualTo(later.minus(Duration.ofDays(30)));
    env.sleep(Duration.ofDays(20));
    assertThat(rotation.state().phase()).as("old T-30 passed").isEqualTo(RotationPhase.SCHEDULED);
    assertThat(notifications.sent()).isEmpty();
    env.sleep(Duration.ofDays(21));
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    assertThat(audit.types()).contains("ROTATION_RESCHEDULED");
    assertThat(rotation.state().timeline())
        .anySatisfy(e -> assertThat(e.action()).isEqualTo("RESCHEDULED"));
  }

  @Test
  void rescheduleAtTheRotationDateAsksTheApproversAgain() {
    ManualRotationWorkflow rotation = reviewedRotation(KeyUsage.ROOT_CA, Duration.ofDays(2));
    env.sleep(Duration.ofDays(2));
    awaitPhase(rotation, RotationPhase.AWAITING_APPROVAL);
    decide(rotation, new RotationDecision(CAROL, RotationDecisionType.APPROVE, "board meets next"));
    assertThat(rotation.state().approvals()).containsExactly("executive: carol");

    rotation.reschedule(
        new Reschedule(ALICE, now().plus(Duration.ofDays(10)), "board member unavailable"));

    RotationState waiting = awaitPhase(rotation, RotationPhase.WAITING_FOR_ROTATION_DATE);
    assertThat(waiting.approvals()).isEmpty();
    env.sleep(Duration.ofDays(10));
    awaitPhase(rotation, RotationPhase.AWAITING_APPROVAL);
    decide(rotation, new RotationDecision(CAROL, RotationDecisionType.APPROVE, null));
    decide(rotation, new RotationDecision(BOB, RotationDecisionType.APPROVE, null));
    assertThat(awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION).approvals())
        .containsExactly("executive: carol", "board: bob");
  }

  @Test
  void cancellingWhileWaitingEndsWithoutTouchingTheKey() {
    ManualRotationWorkflow rotation = reviewedRotation(KeyUsage.DATABASE_TDE, Duration.ofDays(10));

    rotation.cancel(new Cancellation(KAI, "application decommissioned"));

    RotationOutcome outcome = outcomeOf(rotation);
    assertThat(outcome.phase()).isEqualTo(RotationPhase.CANCELLED);
    assertThat(outcome.reason()).isEqualTo("cancelled by kai: application decommissioned");
    assertThat(keys.listVersions(KEY)).hasSize(1);
    assertThat(keys.keys().createCalls()).as("only the key's first version").isEqualTo(1);
    assertThat(audit.types()).contains("ROTATION_CANCEL_REQUESTED").endsWith("ROTATION_CANCELLED");
  }

  @Test
  void cancellingBeforeTMinus30EndsAtOnce() {
    ManualRotationWorkflow rotation =
        plan(KeyUsage.DATABASE_TDE, now().plus(Duration.ofDays(90)), ALICE);

    rotation.cancel(new Cancellation(ALICE, "duplicate request"));

    assertThat(outcomeOf(rotation).phase()).isEqualTo(RotationPhase.CANCELLED);
    assertThat(notifications.sent()).isEmpty();
  }

  @Test
  void refusesSelfApproval() {
    ManualRotationWorkflow rotation = rotationAtT(KeyUsage.APPLICATION, OLIVIA);

    assertRefused(
        rotation,
        new RotationDecision(OLIVIA, RotationDecisionType.APPROVE, null),
        "olivia requested this rotation and cannot approve it");
  }

  @Test
  void refusesTheSamePersonTwice() {
    ManualRotationWorkflow rotation = rotationAtT(KeyUsage.ROOT_CA, ALICE);
    decide(rotation, new RotationDecision(CAROL, RotationDecisionType.APPROVE, null));

    assertRefused(
        rotation,
        new RotationDecision(CAROL, RotationDecisionType.APPROVE, null),
        "carol has already approved this rotation");
    assertRefused(
        rotation,
        new RotationDecision(TOM, RotationDecisionType.APPROVE, null),
        "the approval tom may give is already given; still needed: board [BOARD_MEMBER]");
  }

  @Test
  void refusesAnApproverWithoutTheMatrixAuthority() {
    ManualRotationWorkflow rotation = rotationAtT(KeyUsage.DATABASE_TDE, ALICE);

    assertRefused(
        rotation,
        new RotationDecision(KIM, RotationDecisionType.APPROVE, null),
        "kim holds none of the roles that may approve rotating a Database TDE key:"
            + " [SECURITY_ENGINEER, SECURITY_TEAM_LEAD] (runbook 6.1: Security Team)");
    assertRefused(
        rotationAtT(KeyUsage.ROOT_CA, ALICE, new KeyRef("kv-ultra-prod", "root-ca")),
        new RotationDecision(LENA, RotationDecisionType.APPROVE, null),
        "lena holds none of the roles that may approve rotating a Root CA key");
  }

  @Test
  void anUltraKeyThatIsNoCaKeyNeedsAnExecutiveBesideTheUsagesApproval() {
    register.register(KEY, Classification.ULTRA, KeyUsage.APPLICATION, ALICE.id());
    ManualRotationWorkflow rotation = rotationAtT(KeyUsage.APPLICATION, ALICE);
    assertThat(rotation.state().rule().approvalText())
        .isEqualTo("System + executive (ULTRA, runbook 2.2)");

    decide(rotation, new RotationDecision(OLIVIA, RotationDecisionType.APPROVE, null));
    assertThat(rotation.state().phase()).isEqualTo(RotationPhase.AWAITING_APPROVAL);
    assertThat(rotation.state().awaitingRoles())
        .containsExactlyInAnyOrder(Role.CEO, Role.CTO, Role.CISO);
    assertRefused(
        rotation,
        new RotationDecision(KIM, RotationDecisionType.APPROVE, null),
        "the approval kim may give is already given; still needed: executive");
    decide(rotation, new RotationDecision(CAROL, RotationDecisionType.APPROVE, null));
    awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION);
  }

  @Test
  void aKeyTheRegisterDoesNotHoldCountsAsUltra() {
    ManualRotationWorkflow rotation =
        toApproval(planRegistered(now().plus(Duration.ofDays(1)), ALICE, KEY));

    RotationState state = rotation.state();
    assertThat(state.classification()).isEqualTo(Classification.ULTRA);
    assertThat(state.awaitingRoles()).contains(Role.CISO, Role.CTO, Role.CEO);
    assertThat(state.timeline())
        .anySatisfy(
            entry ->
                assertThat(entry.detail()).contains("not in the key register: counts as ULTRA"));
  }

  @Test
  void recordsTheNewVersionInTheRegisterAndKeepsTheFacts() {
    ManualRotationWorkflow rotation = rotationAtT(KeyUsage.DATABASE_TDE, ALICE);
    decide(rotation, new RotationDecision(LENA, RotationDecisionType.APPROVE, null));
    awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION);
    decide(rotation, new RotationDecision(KIM, RotationDecisionType.EXECUTE, null));
    awaitPhase(rotation, RotationPhase.MONITORING);

    var entry = register.find(KEY).orElseThrow();
    assertThat(entry.version()).isEqualTo("v2");
    assertThat(entry.classification()).isEqualTo(Classification.SECRET);
    assertThat(entry.usage()).isEqualTo(KeyUsage.DATABASE_TDE);
    assertThat(entry.changedBy()).containsEntry(KeyFact.VERSION, RotationRequest.workflowId(KEY));
    assertThat(keys.describe(KEY, "v2").tags())
        .containsEntry("Classification", "SECRET")
        .containsEntry("KeyUsage", "DATABASE_TDE");
  }

  @Test
  void refusesAnExecutorWhoApprovedOrMayOnlyRequest() {
    ManualRotationWorkflow rotation = rotationAtT(KeyUsage.APPLICATION, ALICE);
    decide(rotation, new RotationDecision(DANA, RotationDecisionType.APPROVE, null));
    awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION);

    assertRefused(
        rotation,
        new RotationDecision(DANA, RotationDecisionType.EXECUTE, null),
        "dana approved this rotation and cannot also execute it");
    assertRefused(
        rotation,
        new RotationDecision(ALICE, RotationDecisionType.EXECUTE, null),
        "alice may not execute a rotation");
    decide(rotation, new RotationDecision(OSCAR, RotationDecisionType.EXECUTE, null));
    assertThat(awaitPhase(rotation, RotationPhase.MONITORING).executor()).isEqualTo("oscar");
  }

  @Test
  void refusesADecisionOnAStepThatIsNotOpen() {
    ManualRotationWorkflow rotation =
        plan(KeyUsage.DATABASE_TDE, now().plus(Duration.ofDays(60)), ALICE);

    assertRefused(
        rotation,
        new RotationDecision(LENA, RotationDecisionType.APPROVE, null),
        "APPROVE is not the open step: the rotation is SCHEDULED");
  }

  @Test
  void refusesAReviewByAnyoneButTheSecurityTeam() {
    ManualRotationWorkflow rotation =
        plan(KeyUsage.DATABASE_TDE, now().plus(Duration.ofDays(5)), ALICE);
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);

    assertRefused(
        rotation,
        new RotationDecision(KIM, RotationDecisionType.APPROVE_REVIEW, null),
        "kim holds none of the security team roles that review a rotation");
    assertRefused(
        rotation,
        new RotationDecision(SAM, RotationDecisionType.REJECT_REVIEW, ""),
        "REJECT_REVIEW needs a reason");
  }

  @Test
  void aBackupKeywardCannotRestoreIsConfirmedByACustodianBeforeTheReviewApproves() {
    keys.keepBackupsInTheHsm(true);
    ManualRotationWorkflow rotation =
        plan(KeyUsage.DATABASE_TDE, now().plus(Duration.ofDays(5)), ALICE);
    RotationState review = awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    assertThat(review.checks().backup().awaitsConfirmation()).isTrue();
    assertThat(review.awaitingRoles())
        .containsExactlyInAnyOrder(
            Role.SECURITY_ENGINEER,
            Role.SECURITY_TEAM_LEAD,
            Role.CRYPTO_OFFICER,
            Role.KEY_CUSTODIAN);

    assertRefused(
        rotation,
        new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, null),
        "the backup of the key waits for a confirmation by one of [CRYPTO_OFFICER, KEY_CUSTODIAN]");
    assertRefused(
        rotation,
        new RotationDecision(SAM, RotationDecisionType.CONFIRM_BACKUP, "looked at it"),
        "sam holds none of the roles that back keys up and may confirm a backup");
    assertRefused(
        rotation,
        new RotationDecision(KIM, RotationDecisionType.CONFIRM_BACKUP, " "),
        "CONFIRM_BACKUP needs a reason");

    RotationState confirmed =
        decide(
            rotation,
            new RotationDecision(
                KIM, RotationDecisionType.CONFIRM_BACKUP, "partition backup HSM-B synced today"));

    assertThat(confirmed.checks().backupVerified()).isTrue();
    assertThat(confirmed.checks().backup().confirmedBy()).isEqualTo("kim");
    assertThat(confirmed.checks().backup().detail())
        .endsWith("confirmed by kim: partition backup HSM-B synced today");
    assertThat(confirmed.awaitingRoles())
        .containsExactlyInAnyOrder(Role.SECURITY_ENGINEER, Role.SECURITY_TEAM_LEAD);
    assertRefused(
        rotation,
        new RotationDecision(OLIVIA, RotationDecisionType.CONFIRM_BACKUP, "again"),
        "CONFIRM_BACKUP is not the open step");
    assertThat(audit.events())
        .filteredOn(e -> e.type().equals("ROTATION_DECISION_CONFIRM_BACKUP"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("kim");
              assertThat(e.details())
                  .containsEntry("reason", "partition backup HSM-B synced today");
            });
    decide(rotation, new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, null));
    awaitPhase(rotation, RotationPhase.WAITING_FOR_ROTATION_DATE);
    HistoryRecorder.saveIfAsked(
        client, RotationRequest.workflowId(KEY), "rotation-manual-backup-confirmed");
  }

  @Test
  void theRequesterCannotConfirmTheBackupOfTheirOwnRotation() {
    keys.keepBackupsInTheHsm(true);
    ManualRotationWorkflow rotation =
        plan(KeyUsage.DATABASE_TDE, now().plus(Duration.ofDays(5)), OLIVIA);
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);

    assertRefused(
        rotation,
        new RotationDecision(OLIVIA, RotationDecisionType.CONFIRM_BACKUP, "mine is fine"),
        "olivia requested this rotation; its backup is confirmed by someone else");
  }

  @Test
  void refusesReviewApprovalWhileTheBackupIsNotVerified() {
    keys.breakBackups(true);
    ManualRotationWorkflow rotation =
        plan(KeyUsage.DATABASE_TDE, now().plus(Duration.ofDays(5)), ALICE);
    RotationState review = awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    assertThat(review.checks().backupVerified()).isFalse();

    assertRefused(
        rotation,
        new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, null),
        "the backup of the key was not verified (the restored copy failed its round trip)");

    keys.breakBackups(false);
    decide(rotation, new RotationDecision(SAM, RotationDecisionType.RECHECK, "backup vault fixed"));
    awaitCondition(rotation, s -> s.checks() != null && s.checks().backupVerified());
    decide(rotation, new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, null));
    awaitPhase(rotation, RotationPhase.WAITING_FOR_ROTATION_DATE);
  }

  @Test
  void refusesRescheduleOrCancelBySomeoneNotEntitled() {
    ManualRotationWorkflow rotation =
        plan(KeyUsage.DATABASE_TDE, now().plus(Duration.ofDays(60)), ALICE);

    assertThatThrownBy(
            () ->
                rotation.reschedule(
                    new Reschedule(ANDY, now().plus(Duration.ofDays(90)), "not mine")))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining("andy may not reschedule this rotation");
    assertThatThrownBy(() -> rotation.cancel(new Cancellation(SAM, "no")))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining("sam may not cancel this rotation");
    assertThatThrownBy(
            () -> rotation.reschedule(new Reschedule(ALICE, now().minus(Duration.ofDays(1)), "x")))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining("is not in the future");
  }

  @Test
  void refusesCancelAndRescheduleOnceExecuted() {
    ManualRotationWorkflow rotation = rotationAtT(KeyUsage.DATABASE_TDE, ALICE);
    decide(rotation, new RotationDecision(LENA, RotationDecisionType.APPROVE, null));
    awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION);
    decide(rotation, new RotationDecision(KIM, RotationDecisionType.EXECUTE, null));
    awaitPhase(rotation, RotationPhase.MONITORING);

    assertThatThrownBy(() -> rotation.cancel(new Cancellation(OLIVIA, "too late")))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining("once executed it can no longer be cancelled");
  }

  @Test
  void refusesARequesterWhoMayNotRequestRotations() {
    ManualRotationWorkflow rotation =
        plan(KeyUsage.DATABASE_TDE, now().plus(Duration.ofDays(60)), AUDREY);

    assertThatThrownBy(() -> outcomeOf(rotation))
        .isInstanceOf(WorkflowFailedException.class)
        .hasStackTraceContaining("audrey may not request a rotation");
  }

  @Test
  void aFailedValidationKeepsTheOldVersionEnabledAndWaitsForADecision() {
    ManualRotationWorkflow rotation = executedRotation();
    keys.breakRoundTripsOf("v2");

    env.sleep(Duration.ofDays(7));
    RotationState failed = awaitPhase(rotation, RotationPhase.AWAITING_VALIDATION_DECISION);
    assertThat(failed.validation().passed()).isFalse();
    assertThat(keys.describe(KEY, "v1").enabled()).isTrue();
    assertThat(notifications.awaitTitled("Post-rotation validation failed", 1))
        .singleElement()
        .satisfies(
            n -> assertThat(n.notification().severity()).isEqualTo(Notification.Severity.CRITICAL));

    env.sleep(Duration.ofDays(10));
    assertThat(rotation.state().phase()).isEqualTo(RotationPhase.AWAITING_VALIDATION_DECISION);
    assertThat(keys.describe(KEY, "v1").enabled()).as("never silently deactivated").isTrue();
    assertThat(notifications.awaitTitled("Reminder: key rotation waits for", 1)).isNotEmpty();
    assertRefused(
        rotation,
        new RotationDecision(OLIVIA, RotationDecisionType.ACCEPT, null),
        "ACCEPT needs a reason");

    keys.repairRoundTripsOf("v2");
    decide(rotation, new RotationDecision(OLIVIA, RotationDecisionType.RETRY_VALIDATION, null));
    assertThat(awaitPhase(rotation, RotationPhase.AWAITING_MONITORING_REVIEW).validation().passed())
        .isTrue();
  }

  @Test
  void aRollbackAfterAFailedValidationDisablesTheNewVersion() {
    ManualRotationWorkflow rotation = executedRotation();
    keys.breakRoundTripsOf("v2");
    env.sleep(Duration.ofDays(7));
    awaitPhase(rotation, RotationPhase.AWAITING_VALIDATION_DECISION);

    decide(
        rotation,
        new RotationDecision(LENA, RotationDecisionType.ROLLBACK, "ledger cannot read v2"));

    RotationOutcome outcome = outcomeOf(rotation);
    assertThat(outcome.phase()).isEqualTo(RotationPhase.ROLLED_BACK);
    assertThat(keys.describe(KEY, "v1").enabled()).isTrue();
    assertThat(keys.describe(KEY, "v2").enabled()).isFalse();
    HistoryRecorder.saveIfAsked(
        client, RotationRequest.workflowId(KEY), "rotation-manual-rolled-back");
  }

  @Test
  void acceptingAFailedValidationGoesOnToTheMonitoringReview() {
    ManualRotationWorkflow rotation = executedRotation();
    keys.breakRoundTripsOf("v2");
    env.sleep(Duration.ofDays(7));
    awaitPhase(rotation, RotationPhase.AWAITING_VALIDATION_DECISION);

    assertRefused(
        rotation,
        new RotationDecision(KIM, RotationDecisionType.ACCEPT, "my version is fine"),
        "kim executed this rotation and cannot accept its failed validation");
    assertRefused(
        rotation,
        new RotationDecision(ALICE, RotationDecisionType.ACCEPT, "fine by me"),
        "alice holds none of the roles that decide after a failed validation");
    decide(
        rotation,
        new RotationDecision(KAI, RotationDecisionType.ACCEPT, "HSM probe flaky, app logs fine"));

    awaitPhase(rotation, RotationPhase.AWAITING_MONITORING_REVIEW);
    assertThat(audit.types()).contains("VALIDATION_FAILURE_ACCEPTED");
  }

  @Test
  void theRequesterCannotAcceptAFailedValidationEitherThoughTheyMayResolveOthers() {
    ManualRotationWorkflow rotation = executedRotation(OLIVIA);
    keys.breakRoundTripsOf("v2");
    env.sleep(Duration.ofDays(7));
    awaitPhase(rotation, RotationPhase.AWAITING_VALIDATION_DECISION);

    assertRefused(
        rotation,
        new RotationDecision(OLIVIA, RotationDecisionType.ACCEPT, "good enough"),
        "olivia requested this rotation and cannot accept its failed validation");
    decide(
        rotation,
        new RotationDecision(OLIVIA, RotationDecisionType.RETRY_VALIDATION, "probe again"));
  }

  private ManualRotationWorkflow executedRotation() {
    return executedRotation(ALICE);
  }

  private ManualRotationWorkflow executedRotation(Actor requester) {
    ManualRotationWorkflow rotation = rotationAtT(KeyUsage.DATABASE_TDE, requester);
    decide(rotation, new RotationDecision(LENA, RotationDecisionType.APPROVE, null));
    awaitPhase(rotation, RotationPhase.AWAITING_EXECUTION);
    decide(rotation, new RotationDecision(KIM, RotationDecisionType.EXECUTE, null));
    awaitPhase(rotation, RotationPhase.MONITORING);
    return rotation;
  }

  private ManualRotationWorkflow rotationAtT(KeyUsage usage, Actor requester) {
    return rotationAtT(usage, requester, KEY);
  }

  private ManualRotationWorkflow rotationAtT(KeyUsage usage, Actor requester, KeyRef key) {
    if (!key.equals(KEY)) {
      existingKey(key);
    }
    return toApproval(plan(usage, now().plus(Duration.ofDays(1)), requester, key));
  }

  /** Reviews the rotation planned for tomorrow and waits until T, where it awaits approval. */
  private ManualRotationWorkflow toApproval(ManualRotationWorkflow rotation) {
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    decide(rotation, new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, null));
    awaitPhase(rotation, RotationPhase.WAITING_FOR_ROTATION_DATE);
    env.sleep(Duration.ofDays(1));
    awaitPhase(rotation, RotationPhase.AWAITING_APPROVAL);
    return rotation;
  }

  private ManualRotationWorkflow reviewedRotation(KeyUsage usage, Duration untilT) {
    ManualRotationWorkflow rotation = plan(usage, now().plus(untilT), ALICE);
    awaitPhase(rotation, RotationPhase.AWAITING_SECURITY_REVIEW);
    decide(rotation, new RotationDecision(SAM, RotationDecisionType.APPROVE_REVIEW, null));
    awaitPhase(rotation, RotationPhase.WAITING_FOR_ROTATION_DATE);
    return rotation;
  }

  private ManualRotationWorkflow plan(KeyUsage usage, Instant t, Actor requester) {
    return plan(usage, t, requester, KEY);
  }

  /**
   * Plans a rotation of {@code key}, registered (unless the test registered it otherwise) with
   * {@code usage} at the classification the matrix gives that usage.
   */
  private ManualRotationWorkflow plan(KeyUsage usage, Instant t, Actor requester, KeyRef key) {
    if (register.find(key).isEmpty()) {
      register.register(
          key, RotationMatrix.ruleFor(usage).typicalClassification(), usage, ALICE.id());
    }
    return planRegistered(t, requester, key);
  }

  private ManualRotationWorkflow planRegistered(Instant t, Actor requester, KeyRef key) {
    ManualRotationWorkflow rotation =
        client.newWorkflowStub(
            ManualRotationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RotationRequest.workflowId(key))
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        rotation::run,
        new RotationRequest(
            key, t, "annual rotation of the payments TDE key", requester, "CHG0099", null));
    return rotation;
  }

  private void existingKey(KeyRef key) {
    Instant created = now();
    keys.create(
        new CreateKeyCommand(
            key,
            new KeySpec(
                KeyType.RSA, 3072, null, Set.of(KeyOperation.SIGN, KeyOperation.VERIFY), 365, null),
            ProtectionLevel.MANAGED_HSM,
            new KeyAttributes(
                Set.of(KeyOperation.SIGN, KeyOperation.VERIFY),
                created,
                created.plus(Duration.ofDays(365)),
                true,
                Map.of("Classification", "SECRET")),
            "existing-" + key));
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /**
   * Sends {@code decision}; for the rotation of an ULTRA key (or one the register does not hold),
   * signed by the decider's own key as the rotation's page would sign it.
   */
  private RotationState decide(ManualRotationWorkflow rotation, RotationDecision decision) {
    RotationState state = rotation.state();
    if (state.classification() != Classification.ULTRA || decision.assertion() != null) {
      return rotation.decide(decision);
    }
    return rotation.decide(
        new RotationDecision(
            decision.actor(),
            decision.type(),
            decision.reason(),
            people.sign(
                client,
                decision.actor(),
                RotationRequest.workflowId(state.request().key()),
                decision.type().name(),
                state.phase().name(),
                decision.reason())));
  }

  private static void assertRefused(
      ManualRotationWorkflow rotation, RotationDecision decision, String why) {
    assertThatThrownBy(() -> rotation.decide(decision))
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining(why);
  }

  private RotationState awaitPhase(ManualRotationWorkflow rotation, RotationPhase phase) {
    return awaitCondition(rotation, s -> s.phase() == phase);
  }

  private RotationState awaitCondition(
      ManualRotationWorkflow rotation, java.util.function.Predicate<RotationState> condition) {
    RotationState state = rotation.state();
    for (int i = 0; i < 200 && !condition.test(state); i++) {
      env.sleep(Duration.ofMillis(50));
      state = rotation.state();
    }
    assertThat(state).matches(condition, "expected condition; phase is " + state.phase());
    return state;
  }

  private io.temporal.common.SearchAttributes searchAttributesOnceSet(String workflowId) {
    var attributes =
        client.newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes();
    for (int i = 0; i < 200 && attributes.get(KeywardSearchAttributes.KIND) == null; i++) {
      env.sleep(Duration.ofMillis(50));
      attributes = client.newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes();
    }
    return attributes;
  }

  private static RotationOutcome outcomeOf(ManualRotationWorkflow rotation) {
    return WorkflowStub.fromTyped(rotation).getResult(RotationOutcome.class);
  }
}
