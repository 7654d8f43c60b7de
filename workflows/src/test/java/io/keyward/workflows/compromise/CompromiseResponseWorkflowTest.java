package io.keyward.workflows.compromise;

import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.incident.CallLog;
import io.keyward.workflows.incident.EvidenceRequest;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.LoggedAudit;
import io.keyward.workflows.incident.LoggedKeyProvider;
import io.keyward.workflows.incident.SearchAttributesForTests;
import io.keyward.workflows.incident.Severity;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.register.KeyFact;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runbook 11 (compromise response) and 17.2 (escalation), with time skipping and fakes. */
class CompromiseResponseWorkflowTest {
  private final InMemoryRegister register = new InMemoryRegister();

  private static final KeyRef KEY = new KeyRef("kv-payments", "card-encryption");

  /** A PUBLIC key: its floor is P4, so a report keeps the severity the reporter gave it. */
  private static final KeyRef PUBLIC_KEY = new KeyRef("kv-docs", "site-signing");

  private static final IncidentId INCIDENT = new IncidentId("INC0099001");
  private static final String WORKFLOW_ID = CompromiseReport.workflowId(INCIDENT);
  private static final Actor SOL = new Actor("sol", Set.of(Role.SECURITY_OPERATIONS));
  private static final Actor TOM = new Actor("tom", Set.of(Role.CTO));
  private static final KeyDependent CHECKOUT =
      new KeyDependent("checkout", "alice", "#team-checkout");
  private static final KeyDependent REFUNDS = new KeyDependent("refunds", "alice", "#team-refunds");

  @RegisterExtension
  static final WorkflowTestServer server =
      WorkflowTestServer.of(SearchAttributesForTests::newEnvironment);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private CallLog log;
  private LoggedKeyProvider keys;
  private MappedDependencies dependencies;
  private RecordingEvidence evidence;
  private LoggedAudit audit;
  private RecordingNotifications notifications;

  @BeforeEach
  void startWorker() {
    env = server.env();
    log = new CallLog();
    keys = new LoggedKeyProvider(log);
    dependencies = new MappedDependencies(log).with(KEY, CHECKOUT, REFUNDS);
    evidence = new RecordingEvidence(log);
    audit = new LoggedAudit(log);
    notifications = new RecordingNotifications(log);
    keys.existing(KEY, Map.of("Classification", "SECRET", "Owner", "alice"));
    keys.existing(KEY, Map.of("Classification", "SECRET", "Owner", "alice"));
    keys.existing(PUBLIC_KEY, Map.of("Classification", "PUBLIC", "Owner", "alice"));
    register
        .register(KEY, Classification.SECRET, KeyUsage.DATABASE_TDE, "alice")
        .register(PUBLIC_KEY, Classification.PUBLIC, KeyUsage.APPLICATION, "alice");
    server.startWorker(
        worker -> {
          worker.registerWorkflowImplementationTypes(CompromiseResponseWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(), keys, dependencies, evidence, audit, notifications);
        });
    client = env.getWorkflowClient();
  }

  @Test
  void disablesTheKeyBeforeAnyOtherActivityRuns() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());

    awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    List<String> calls = log.calls();
    assertThat(calls).first().isEqualTo("keys:disableAllVersions");
    assertThat(calls)
        .containsSubsequence(
            "keys:disableAllVersions",
            "audit:COMPROMISE_REPORTED",
            "audit:KEY_DISABLED",
            "audit:INCIDENT_DECLARED",
            "dependencies:dependentsOf",
            "keys:create",
            "keys:roundTrip",
            "keys:listVersions",
            "evidence:seal");
    assertThat(keys.versionsOf(KEY).subList(0, 2)).noneMatch(KeyVersionInfo::enabled);
  }

  @Test
  void recordsTheTimeFromAcceptanceToDisableInStateAndAudit() {
    Instant accepted = now().minusSeconds(2);
    CompromiseResponseWorkflow response = report(Severity.P1, accepted);

    CompromiseState state = awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    Disablement disablement = state.disablement();
    assertThat(disablement.acceptedAt()).isEqualTo(accepted);
    assertThat(disablement.disabledAt()).isAfterOrEqualTo(accepted.plusSeconds(2));
    assertThat(disablement.timeToDisable())
        .isEqualTo(Duration.between(accepted, disablement.disabledAt()));
    assertThat(disablement.withinSlo()).isTrue();
    assertThat(disablement.attempts()).isEqualTo(1);
    assertThat(disablement.versionsDisabled()).hasSize(2);
    assertThat(audit.detailsOf("KEY_DISABLED"))
        .containsEntry("acceptedAt", accepted.toString())
        .containsEntry("disabledAt", disablement.disabledAt().toString())
        .containsEntry("timeToDisable", disablement.timeToDisable().toString())
        .containsEntry("timeToDisableMillis", Long.toString(disablement.timeToDisable().toMillis()))
        .containsEntry("withinSlo", "true");
    assertThat(state.incident().severity()).isEqualTo("CRITICAL");
    assertThat(state.incident().status()).isEqualTo(IncidentStatus.ACTIVE);
    assertThat(state.incident().actions())
        .startsWith("Key disabled (2 versions, all confirmed disabled)", "Incident team notified");
  }

  @Test
  void flagsATimeToDisableBeyondTheFifteenMinuteSlo() {
    CompromiseResponseWorkflow response = report(Severity.P1, now().minus(Duration.ofMinutes(20)));

    CompromiseState state = awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    assertThat(state.disablement().withinSlo()).isFalse();
    assertThat(audit.detailsOf("KEY_DISABLED")).containsEntry("withinSlo", "false");
  }

  @Test
  void rotatesToANewEnabledVersionTellsTheApplicationsAndChecksTheRoundTrip() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());

    CompromiseState state = awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    List<KeyVersionInfo> versions = keys.versionsOf(KEY);
    assertThat(versions).hasSize(3);
    KeyVersionInfo compromised = versions.get(1);
    KeyVersionInfo replacement = state.emergencyVersion();
    assertThat(replacement.version()).isEqualTo(versions.get(2).version());
    assertThat(replacement.enabled()).isTrue();
    assertThat(replacement.type()).isEqualTo(compromised.type());
    assertThat(replacement.size()).isEqualTo(compromised.size());
    assertThat(replacement.operations()).isEqualTo(compromised.operations());
    assertThat(replacement.tags())
        .containsEntry("Classification", "SECRET")
        .containsEntry("Incident", "INC0099001")
        .containsEntry("ReplacesCompromisedVersion", compromised.version())
        .containsEntry("KeywardCeremony", WORKFLOW_ID)
        .containsEntry("RequestedBy", "sol");
    assertThat(state.restoration().passed()).isTrue();
    assertThat(state.restoration().version()).isEqualTo(replacement.version());
    assertThat(state.affectedApplications()).containsExactly(CHECKOUT, REFUNDS);
    awaitTrue(() -> notifications.on(NotificationTopic.ROTATIONS).size() == 2, "app notices");
    assertThat(notifications.on(NotificationTopic.ROTATIONS))
        .extracting(Notification::title)
        .containsExactlyInAnyOrder(
            "Switch checkout to the new version of kv-payments/card-encryption",
            "Switch refunds to the new version of kv-payments/card-encryption");
    assertThat(state.incident().actions())
        .contains(
            "Emergency rotation: new version " + replacement.version(),
            "2 applications told to switch to " + replacement.version());
    assertThat(audit.types()).containsSubsequence("EMERGENCY_ROTATION", "RESTORATION_VALIDATED");
  }

  @Test
  void sealsEvidenceOfEveryVersionAndTheKeysAuditSubjects() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());

    CompromiseState state = awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    EvidenceRequest request = evidence.requests().get(0);
    assertThat(request.key()).isEqualTo(KEY);
    assertThat(request.subject()).isEqualTo(WORKFLOW_ID);
    assertThat(request.versions()).hasSize(3);
    assertThat(request.auditSubjects())
        .containsExactly(
            "keygen/kv-payments/card-encryption",
            "rotation/kv-payments/card-encryption",
            "lifecycle/kv-payments/card-encryption",
            WORKFLOW_ID);
    assertThat(state.evidence().sha256()).isEqualTo("ab".repeat(32));
  }

  @Test
  void escalatesToCisoAndCtoWhenAPriorityOneIsNotAcknowledgedWithinFifteenMinutes() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    CompromiseState following = awaitPhase(response, CompromisePhase.FOLLOWING_UP);
    Instant deadline = following.escalation().deadline();

    env.sleep(Duration.between(now(), deadline).minusSeconds(30));
    assertThat(response.state().escalation().escalatedAt()).isNull();
    assertThat(notifications.titles()).noneMatch(t -> t.startsWith("ESCALATION"));

    env.sleep(Duration.ofMinutes(1));
    CompromiseState escalated =
        awaitState(response, s -> s.escalation().escalatedAt() != null, "escalated");

    assertThat(escalated.escalation().escalatedAt()).isBetween(deadline, deadline.plusSeconds(1));
    assertThat(escalated.escalation().escalationTarget()).isEqualTo("CISO + CTO");
    assertThat(escalated.awaitingRoles()).contains(Role.CISO, Role.CTO, Role.SECURITY_OPERATIONS);
    awaitTrue(
        () -> notifications.titles().contains("ESCALATION P1: INC0099001 to CISO + CTO"),
        "escalation notification");
    assertThat(notifications.on(NotificationTopic.SECURITY_INCIDENTS))
        .filteredOn(n -> n.title().startsWith("ESCALATION"))
        .singleElement()
        .matches(n -> n.severity() == Notification.Severity.CRITICAL)
        .matches(n -> n.action() == NoticeAction.ACKNOWLEDGE);
    assertThat(notifications.on(NotificationTopic.SECURITY_INCIDENTS))
        .filteredOn(n -> n.title().equals("KEY COMPROMISE: kv-payments/card-encryption disabled"))
        .singleElement()
        .matches(n -> n.action() == NoticeAction.ACKNOWLEDGE);
    assertThat(searchAttribute(KeywardSearchAttributes.AWAITING_ROLES))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .contains("CISO", "CTO");
    assertThat(memoSummary()).contains("ESCALATED to CISO + CTO");
    assertThat(audit.detailsOf("INCIDENT_ESCALATED")).containsEntry("escalatedTo", "CISO + CTO");

    CompromiseState acknowledged = response.acknowledge(new Acknowledgement(TOM, "on it"));
    assertThat(acknowledged.escalation().acknowledgedBy()).isEqualTo("tom");
    assertThat(acknowledged.awaitingRoles()).doesNotContain(Role.CTO);
    closeWithEveryTaskDone(response);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "compromise-p1-escalated");
  }

  @Test
  void doesNotEscalateWhenSomeoneAcknowledgesInTime() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    awaitPhase(response, CompromisePhase.FOLLOWING_UP);
    env.sleep(Duration.ofMinutes(5));

    CompromiseState acknowledged =
        response.acknowledge(new Acknowledgement(LENA, "SOC has the incident"));
    env.sleep(Duration.ofMinutes(30));

    CompromiseState later = response.state();
    assertThat(acknowledged.escalation().acknowledgedBy()).isEqualTo("lena");
    assertThat(later.escalation().escalatedAt()).isNull();
    assertThat(notifications.titles()).noneMatch(t -> t.startsWith("ESCALATION"));
    assertThat(audit.types())
        .doesNotContain("INCIDENT_ESCALATED")
        .contains("INCIDENT_ACKNOWLEDGED");
    assertThat(memoSummary()).contains("acknowledged");
  }

  @ParameterizedTest
  @CsvSource({
    "P2, 60, Security Operations Manager, SECURITY_OPERATIONS",
    "P3, 240, Security Team Lead, SECURITY_TEAM_LEAD",
    "P4, 1440, Team Manager, TEAM_LEAD"
  })
  void escalatesLowerSeveritiesAfterTheirTimeToTheirTarget(
      Severity severity, long minutes, String target, Role role) {
    CompromiseResponseWorkflow response = report(severity, now(), PUBLIC_KEY);
    Instant accepted =
        awaitPhase(response, CompromisePhase.FOLLOWING_UP).disablement().acceptedAt();

    env.sleep(Duration.between(now(), accepted.plus(Duration.ofMinutes(minutes))).minusMinutes(1));
    assertThat(response.state().escalation().escalatedAt()).isNull();
    env.sleep(Duration.ofMinutes(2));

    CompromiseState escalated =
        awaitState(response, s -> s.escalation().escalatedAt() != null, "escalated");
    assertThat(escalated.escalation().escalationTarget()).isEqualTo(target);
    assertThat(escalated.awaitingRoles()).contains(role);
  }

  @Test
  void aReportGradedBelowItsKeysClassificationIsRaisedToItsFloor() {
    CompromiseResponseWorkflow response = report(Severity.P4, now());
    CompromiseState following = awaitPhase(response, CompromisePhase.FOLLOWING_UP);
    Instant accepted = following.disablement().acceptedAt();

    assertThat(following.escalation().severity()).isEqualTo(Severity.P1);
    assertThat(audit.detailsOf("SEVERITY_RAISED"))
        .containsEntry("from", "P4")
        .containsEntry("to", "P1")
        .containsEntry("classification", "SECRET");
    env.sleep(Duration.between(now(), accepted.plus(Duration.ofMinutes(16))));

    CompromiseState escalated =
        awaitState(response, s -> s.escalation().escalatedAt() != null, "escalated");
    assertThat(escalated.escalation().escalationTarget()).isEqualTo("CISO + CTO");
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "compromise-p4-raised-to-p1");
  }

  @Test
  void marksTheKeyCompromisedInTheRegisterAfterDisablingIt() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    var entry = register.find(KEY).orElseThrow();
    assertThat(entry.state()).isEqualTo(KeyState.COMPROMISED);
    assertThat(entry.changedBy()).containsEntry(KeyFact.STATE, WORKFLOW_ID);
    assertThat(register.history(KEY))
        .last()
        .satisfies(
            change -> {
              assertThat(change.fact()).isEqualTo(KeyFact.STATE);
              assertThat(change.from()).isEqualTo("ACTIVE");
              assertThat(change.to()).isEqualTo("COMPROMISED");
              assertThat(change.actor()).isEqualTo("sol");
            });
  }

  @Test
  void aKeyTheRegisterDoesNotHoldIsGradedAsUltraWhateverItsTagsSay() {
    KeyRef unregistered = new KeyRef("kv-payments", "found-key");
    keys.existing(unregistered, Map.of("Classification", "PUBLIC", "Owner", "alice"));
    CompromiseResponseWorkflow response = report(Severity.P4, now(), unregistered);
    CompromiseState following = awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    assertThat(following.escalation().severity()).isEqualTo(Severity.P1);
    assertThat(audit.detailsOf("SEVERITY_RAISED")).containsEntry("classification", "unknown");
    assertThat(register.find(unregistered)).isEmpty();
  }

  @Test
  void retriesAFailingDisableUntilItSucceedsAndAlertsAfterTheFirstFailures() {
    keys.failNextDisables(5);
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    env.sleep(Duration.ofSeconds(30));

    CompromiseState state = awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    assertThat(state.disablement().attempts()).isEqualTo(6);
    assertThat(state.disablement().alertedAfterAttempts())
        .isEqualTo(KeyDisabler.ALERT_AFTER_FAILURES);
    assertThat(state.disablement().lastFailure()).contains("HSM unreachable");
    assertThat(keys.versionsOf(KEY).subList(0, 2)).noneMatch(KeyVersionInfo::enabled);
    String alert =
        "notify:SECURITY_INCIDENTS:KEY COMPROMISE: kv-payments/card-encryption NOT YET"
            + " DISABLED";
    List<String> calls = log.calls();
    assertThat(calls.stream().filter(alert::equals)).hasSize(1);
    assertThat(calls.subList(0, calls.indexOf(alert)))
        .containsExactly(
            "keys:disableAllVersions", "keys:disableAllVersions", "keys:disableAllVersions");
    assertThat(calls.subList(calls.indexOf(alert), calls.size()))
        .filteredOn("keys:disableAllVersions"::equals)
        .hasSize(3);
    assertThat(state.timeline())
        .filteredOn(e -> e.action().equals("DISABLE_ATTEMPT_FAILED"))
        .hasSize(5);
    closeWithEveryTaskDone(response);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "compromise-p1-disable-retried");
  }

  @Test
  void failsAndAlertsWhenNoProviderHoldsTheKey() {
    CompromiseResponseWorkflow response =
        report(Severity.P1, now(), new KeyRef("kv-payments", "no-such-key"));

    CompromiseOutcome outcome = outcomeOf(response);

    assertThat(outcome.phase()).isEqualTo(CompromisePhase.FAILED);
    assertThat(outcome.reason()).contains("KeyNotFound");
    assertThat(notifications.titles())
        .contains("KEY COMPROMISE: kv-payments/no-such-key could not be disabled");
    assertThat(log.calls()).doesNotContain("keys:create", "evidence:seal");
  }

  @Test
  void goesOnWithoutTheDependencyMapAndSaysSo() {
    dependencies.makeUnreadable();
    CompromiseResponseWorkflow response = report(Severity.P1, now());

    CompromiseState state = awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    assertThat(state.affectedApplications()).isEmpty();
    assertThat(state.impactNote())
        .contains("dependency map could not be read", "find the affected applications by hand");
    assertThat(state.emergencyVersion()).isNotNull();
  }

  @Test
  void refusesAcknowledgementsFromOtherRolesAndASecondOne() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    assertRefused(
        () -> response.acknowledge(new Acknowledgement(KIM, null)),
        "kim holds none of the roles that respond to a P1 incident");
    response.acknowledge(new Acknowledgement(LENA, null));
    assertRefused(
        () -> response.acknowledge(new Acknowledgement(SOL, null)),
        "the incident was already acknowledged by lena");
  }

  @Test
  void theReporterCannotAlsoAcknowledge() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    assertRefused(
        () -> response.acknowledge(new Acknowledgement(SOL, "I have it")),
        "sol reported this incident and cannot also acknowledge it");
    assertThat(response.state().escalation().acknowledgedBy()).isNull();
  }

  @Test
  void noOnePersonCompletesEveryLongTermTask() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    response.completeTask(
        new TaskCompletion(LENA, FollowUpKind.ROOT_CAUSE_ANALYSIS, "key leaked in CI logs"));
    response.completeTask(
        new TaskCompletion(LENA, FollowUpKind.SECURITY_CONTROL_ENHANCEMENT, "CI logs scrubbed"));
    assertRefused(
        () ->
            response.completeTask(
                new TaskCompletion(LENA, FollowUpKind.LESSONS_LEARNED, "all done, by me")),
        "lena completed the other follow-up tasks; Lessons learned documentation needs someone"
            + " else");
    response.completeTask(
        new TaskCompletion(SOL, FollowUpKind.LESSONS_LEARNED, "runbook 11 updated"));

    assertThat(outcomeOf(response).phase()).isEqualTo(CompromisePhase.CLOSED);
  }

  @Test
  void closesWhenEveryLongTermTaskIsDoneByItsOwners() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    CompromiseState following = awaitPhase(response, CompromisePhase.FOLLOWING_UP);
    response.acknowledge(new Acknowledgement(LENA, "SOC has it"));

    assertThat(following.followUps())
        .extracting(FollowUpTask::kind)
        .containsExactly(
            FollowUpKind.ROOT_CAUSE_ANALYSIS,
            FollowUpKind.SECURITY_CONTROL_ENHANCEMENT,
            FollowUpKind.LESSONS_LEARNED);
    Instant rootCauseDue = following.followUps().get(0).dueAt();
    assertThat(rootCauseDue)
        .isBetween(now().plus(Duration.ofDays(7)).minusSeconds(60), now().plus(Duration.ofDays(7)));
    assertThat(Duration.between(rootCauseDue, following.followUps().get(2).dueAt()))
        .isEqualTo(Duration.ofDays(23));
    assertRefused(
        () ->
            response.completeTask(
                new TaskCompletion(KIM, FollowUpKind.ROOT_CAUSE_ANALYSIS, "leaked in CI logs")),
        "kim holds none of the roles that own Root cause analysis");
    assertRefused(
        () -> response.completeTask(new TaskCompletion(SAM, FollowUpKind.ROOT_CAUSE_ANALYSIS, "")),
        "summary is required");
    response.completeTask(
        new TaskCompletion(SAM, FollowUpKind.ROOT_CAUSE_ANALYSIS, "key leaked in CI logs"));
    assertRefused(
        () ->
            response.completeTask(
                new TaskCompletion(LENA, FollowUpKind.ROOT_CAUSE_ANALYSIS, "again")),
        "Root cause analysis was already completed by sam");
    response.completeTask(
        new TaskCompletion(
            CAROL, FollowUpKind.SECURITY_CONTROL_ENHANCEMENT, "log scrubbing in CI enforced"));
    response.completeTask(
        new TaskCompletion(SOL, FollowUpKind.LESSONS_LEARNED, "runbook 11 updated"));

    CompromiseOutcome outcome = outcomeOf(response);
    assertThat(outcome.phase()).isEqualTo(CompromisePhase.CLOSED);
    assertThat(outcome.timeToDisable()).isNotNull();
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "compromise-p1-closed");
    CompromiseState closed = response.state();
    assertThat(closed.incident().status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(closed.followUps()).allMatch(t -> t.completedBy() != null);
    assertThat(audit.types())
        .containsSubsequence(
            "COMPROMISE_REPORTED",
            "KEY_DISABLED",
            "INCIDENT_DECLARED",
            "IMPACT_ASSESSED",
            "EMERGENCY_ROTATION",
            "RESTORATION_VALIDATED",
            "INCIDENT_ACKNOWLEDGED",
            "FOLLOW_UP_COMPLETED",
            "FOLLOW_UP_COMPLETED",
            "FOLLOW_UP_COMPLETED",
            "COMPROMISE_RESPONSE_CLOSED");
  }

  @Test
  void marksALongTermTaskOverdueAndTellsItsOwners() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    awaitPhase(response, CompromisePhase.FOLLOWING_UP);
    response.acknowledge(new Acknowledgement(LENA, null));

    env.sleep(Duration.ofDays(8));

    CompromiseState state =
        awaitState(
            response,
            s -> s.followUps().stream().anyMatch(FollowUpTask::overdue),
            "a task overdue");
    assertThat(state.followUps())
        .filteredOn(FollowUpTask::overdue)
        .extracting(FollowUpTask::kind)
        .containsExactly(FollowUpKind.ROOT_CAUSE_ANALYSIS);
    awaitTrue(
        () -> notifications.titles().contains("Root cause analysis overdue: INC0099001"),
        "overdue notice");
  }

  @Test
  void publishesKindPhaseIncidentKeyAndClassification() {
    CompromiseResponseWorkflow response = report(Severity.P1, now());
    awaitPhase(response, CompromisePhase.FOLLOWING_UP);

    assertThat(searchAttribute(KeywardSearchAttributes.KIND)).isEqualTo("CompromiseResponse");
    assertThat(searchAttribute(KeywardSearchAttributes.PHASE)).isEqualTo("FOLLOWING_UP");
    assertThat(searchAttribute(KeywardSearchAttributes.INCIDENT)).isEqualTo("INC0099001");
    assertThat(searchAttribute(KeywardSearchAttributes.KEY_NAME))
        .isEqualTo("kv-payments/card-encryption");
    assertThat(searchAttribute(KeywardSearchAttributes.CLASSIFICATION)).isEqualTo("SECRET");
    assertThat(memoSummary())
        .contains("P1 compromise of kv-payments/card-encryption", "disabled in");
  }

  @Test
  void refusesAReportFromSomeoneWhoMayNotReport() {
    CompromiseResponseWorkflow response =
        report(Severity.P1, now(), KEY, new Actor("alice", Set.of(Role.APPLICATION_OWNER)));

    assertThatThrownBy(() -> outcomeOf(response))
        .hasStackTraceContaining("alice may not report a compromise");
    assertThat(log.calls()).isEmpty();
  }

  private void closeWithEveryTaskDone(CompromiseResponseWorkflow response) {
    if (response.state().escalation().acknowledgedBy() == null) {
      response.acknowledge(new Acknowledgement(LENA, null));
    }
    response.completeTask(
        new TaskCompletion(SAM, FollowUpKind.ROOT_CAUSE_ANALYSIS, "root cause found"));
    response.completeTask(
        new TaskCompletion(CAROL, FollowUpKind.SECURITY_CONTROL_ENHANCEMENT, "controls added"));
    response.completeTask(new TaskCompletion(SOL, FollowUpKind.LESSONS_LEARNED, "written up"));
    assertThat(outcomeOf(response).phase()).isEqualTo(CompromisePhase.CLOSED);
  }

  private CompromiseResponseWorkflow report(Severity severity, Instant acceptedAt) {
    return report(severity, acceptedAt, KEY);
  }

  private CompromiseResponseWorkflow report(Severity severity, Instant acceptedAt, KeyRef key) {
    return report(severity, acceptedAt, key, SOL);
  }

  private CompromiseResponseWorkflow report(
      Severity severity, Instant acceptedAt, KeyRef key, Actor reporter) {
    CompromiseResponseWorkflow response =
        client.newWorkflowStub(
            CompromiseResponseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(
        response::run,
        new CompromiseReport(
            INCIDENT, key, severity, "key material found in a public paste", reporter, acceptedAt));
    return response;
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private CompromiseState awaitPhase(CompromiseResponseWorkflow response, CompromisePhase phase) {
    return awaitState(response, s -> s.phase() == phase, "phase " + phase);
  }

  private CompromiseState awaitState(
      CompromiseResponseWorkflow response, Predicate<CompromiseState> condition, String what) {
    CompromiseState state = response.state();
    for (int i = 0; i < 200 && !condition.test(state); i++) {
      env.sleep(Duration.ofMillis(50));
      state = response.state();
    }
    assertThat(condition.test(state)).as(what + "; phase " + state.phase()).isTrue();
    return state;
  }

  private void awaitTrue(Supplier<Boolean> condition, String what) {
    for (int i = 0; i < 200 && !condition.get(); i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(condition.get()).as(what).isTrue();
  }

  private static void assertRefused(Runnable update, String why) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining(why);
  }

  private Object searchAttribute(SearchAttributeKey<?> key) {
    return client
        .newUntypedWorkflowStub(WORKFLOW_ID)
        .describe()
        .getTypedSearchAttributes()
        .get(key);
  }

  private String memoSummary() {
    return String.valueOf(
        client.newUntypedWorkflowStub(WORKFLOW_ID).describe().getMemo("summary", String.class));
  }

  private static CompromiseOutcome outcomeOf(CompromiseResponseWorkflow response) {
    return WorkflowStub.fromTyped(response).getResult(CompromiseOutcome.class);
  }
}
