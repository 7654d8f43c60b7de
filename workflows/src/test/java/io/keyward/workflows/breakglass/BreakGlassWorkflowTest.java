package io.keyward.workflows.breakglass;

import static io.keyward.workflows.breakglass.BreakGlassCast.AUDREY;
import static io.keyward.workflows.breakglass.BreakGlassCast.BLAKE;
import static io.keyward.workflows.breakglass.BreakGlassCast.BRUNO;
import static io.keyward.workflows.breakglass.BreakGlassCast.LARS;
import static io.keyward.workflows.breakglass.BreakGlassCast.PAT;
import static io.keyward.workflows.breakglass.BreakGlassCast.SOL;
import static io.keyward.workflows.testing.People.ALICE;
import static io.keyward.workflows.testing.People.CAROL;
import static io.keyward.workflows.testing.People.ERIN;
import static io.keyward.workflows.testing.People.KIM;
import static io.keyward.workflows.testing.People.LENA;
import static io.keyward.workflows.testing.People.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.incident.CallLog;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.incident.LoggedAudit;
import io.keyward.workflows.incident.LoggedKeyProvider;
import io.keyward.workflows.incident.SearchAttributesForTests;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.testing.HistoryRecorder;
import io.keyward.workflows.testing.InMemoryRegister;
import io.keyward.workflows.testing.PeopleKeys;
import io.keyward.workflows.testing.RecordingNotifications;
import io.keyward.workflows.testing.WorkflowTestServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runbook 8.3, break-glass access, with time skipping and in-memory activities. */
class BreakGlassWorkflowTest {
  private final InMemoryRegister register = new InMemoryRegister();
  private final PeopleKeys people = new PeopleKeys().enrol(CAROL, TOM, ERIN);

  private static final KeyRef ORDERS = new KeyRef("kv-orders-prod", "orders-tde");
  private static final KeyRef INVOICES = new KeyRef("kv-orders-prod", "invoice-signing");
  private static final KeyRef VAULT_KEY = new KeyRef("kv-ultra-prod", "payments-master");
  private static final KeyRef ROOT_CA = new KeyRef("kv-ultra-prod", "root-ca");
  private static final KeyRef UNTAGGED = new KeyRef("kv-legacy", "old-key");
  private static final IncidentId INCIDENT = new IncidentId("INC0012345");
  private static final String WORKFLOW_ID = BreakGlassDeclaration.workflowId(INCIDENT);

  @RegisterExtension
  static final WorkflowTestServer server =
      WorkflowTestServer.of(SearchAttributesForTests::newEnvironment);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkerFactory workers;
  private CallLog log;
  private LoggedKeyProvider keys;
  private InMemoryAccessGrants grants;
  private LoggedAudit audit;
  private RecordingNotifications notifications;

  @BeforeEach
  void seedKeysAndStartWorker() {
    env = server.env();
    log = new CallLog();
    keys = new LoggedKeyProvider(log);
    grants = new InMemoryAccessGrants(log);
    audit = new LoggedAudit(log);
    notifications = new RecordingNotifications(log);
    keys.existing(ORDERS, Map.of("Classification", "CONFIDENTIAL"));
    keys.existing(INVOICES, Map.of("Classification", "SECRET"));
    keys.existing(VAULT_KEY, Map.of("Classification", "ULTRA"));
    keys.existing(ROOT_CA, Map.of("Classification", "ULTRA", "KeyUsage", "ROOT_CA"));
    keys.existing(UNTAGGED, Map.of());
    register
        .register(ORDERS, Classification.CONFIDENTIAL, KeyUsage.DATABASE_TDE, ALICE.id())
        .register(INVOICES, Classification.SECRET, KeyUsage.APPLICATION, ALICE.id())
        .register(VAULT_KEY, Classification.ULTRA, KeyUsage.APPLICATION, ALICE.id())
        .register(ROOT_CA, Classification.ULTRA, KeyUsage.ROOT_CA, ALICE.id());
    client = env.getWorkflowClient();
    workers = startWorker();
  }

  @Test
  void grantsAccessAfterLevelOneAuthorisationAndRevokesItAtExactlyFifteenMinutes() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    assertThat(session.state().assessment().level()).isEqualTo(BreakGlassLevel.L1);

    session.authorise(approve(LENA));
    session.authorise(approve(ALICE));
    BreakGlassState active = awaitPhase(session, BreakGlassPhase.ACTIVE);

    AccessGrant grant = active.grant();
    assertThat(grant.holder()).isEqualTo("bruno");
    assertThat(Duration.between(grant.grantedAt(), grant.expiresAt()))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(grants.find(WORKFLOW_ID)).contains(grant);
    assertThat(active.approvals()).extracting(Approval::approver).containsExactly("lena", "alice");

    env.sleep(untilOneSecondBefore(grant.expiresAt()));
    assertThat(session.state().phase()).isEqualTo(BreakGlassPhase.ACTIVE);
    assertThat(grants.find(WORKFLOW_ID)).as("still live one second before expiry").isPresent();

    env.sleep(Duration.ofSeconds(2));
    BreakGlassState revoked = awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);
    assertThat(grants.find(WORKFLOW_ID)).as("the grant is gone from the store").isEmpty();
    assertThat(revoked.revocation().verifiedAbsent()).isTrue();
    assertThat(revoked.revocationReason()).isEqualTo("the 15-minute session time was up");
    assertThat(revoked.revokedAt()).isBetween(grant.expiresAt(), grant.expiresAt().plusSeconds(2));
    assertThat(revoked.deadline())
        .isBetween(
            revoked.revokedAt().plus(Duration.ofHours(24)),
            revoked.revokedAt().plus(Duration.ofHours(24)).plusSeconds(1));

    session.completeReview(new Review(CAROL, "access used to re-enable the TDE key only"));
    BreakGlassOutcome outcome = outcomeOf(session);
    assertThat(outcome.phase()).isEqualTo(BreakGlassPhase.CLOSED);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "breakglass-l1-revoked-reviewed");
    assertThat(audit.types())
        .containsSubsequence(
            "BREAK_GLASS_DECLARED",
            "BREAK_GLASS_SCOPE_ASSESSED",
            "BREAK_GLASS_APPROVE",
            "BREAK_GLASS_APPROVE",
            "BREAK_GLASS_ACCESS_GRANTED",
            "BREAK_GLASS_ACCESS_REVOKED",
            "BREAK_GLASS_REVIEWED",
            "BREAK_GLASS_CLOSED");
    assertThat(audit.detailsOf("BREAK_GLASS_ACCESS_REVOKED"))
        .containsEntry("verifiedAbsent", "true")
        .containsEntry("holder", "bruno");
    assertThat(notifications.on(NotificationTopic.BREAK_GLASS))
        .extracting(Notification::title)
        .containsExactly(
            "Break-glass declared: INC0012345",
            "Break-glass access granted: INC0012345",
            "Break-glass access revoked: INC0012345");
    assertThat(notifications.on(NotificationTopic.BREAK_GLASS))
        .extracting(Notification::action)
        .as("only the declaration asks, and a level 1 authorisation may come from chat")
        .containsExactly(NoticeAction.APPROVE_OR_DENY, null, null);
  }

  @Test
  void recordsEveryActionOfTheAdminWhileTheAccessIsLive() {
    BreakGlassWorkflow session = activeLevelOneSession(List.of(ORDERS, INVOICES));

    session.recordAction(new SessionAction(BRUNO, ORDERS, "re-enabled version v1", "TDE down"));
    BreakGlassState state =
        session.recordAction(new SessionAction(BRUNO, null, "listed key versions", null));

    assertThat(state.actions())
        .extracting(RecordedAction::sequence, RecordedAction::action, RecordedAction::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "re-enabled version v1", ORDERS),
            org.assertj.core.groups.Tuple.tuple(2, "listed key versions", null));
    assertThat(audit.events().stream().filter(e -> e.type().equals("BREAK_GLASS_ACTION")))
        .extracting(e -> e.actor() + ": " + e.details().get("action"))
        .containsExactly("bruno: re-enabled version v1", "bruno: listed key versions");
    assertRefused(
        () -> session.recordAction(new SessionAction(LENA, ORDERS, "rotated", null)),
        "only bruno, the break-glass admin of this session, records actions");
    assertRefused(
        () -> session.recordAction(new SessionAction(BRUNO, VAULT_KEY, "exported", null)),
        "kv-ultra-prod/payments-master is outside this session's scope");
    assertRefused(
        () -> session.recordAction(new SessionAction(BRUNO, ORDERS, " ", null)),
        "action is required");

    session.end(new EndRequest(BRUNO, "done"));
    awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);
    assertRefused(
        () -> session.recordAction(new SessionAction(BRUNO, ORDERS, "one more", null)),
        "no break-glass access is active: the session is AWAITING_REVIEW");
    assertThat(session.state().actions()).hasSize(2);
  }

  @Test
  void endsEarlyAndRevokesAtOnce() {
    BreakGlassWorkflow session = activeLevelOneSession(List.of(ORDERS));
    AccessGrant grant = session.state().grant();
    env.sleep(Duration.ofMinutes(3));

    session.end(new EndRequest(BRUNO, "TDE key re-enabled, no further access needed"));
    BreakGlassState ended = awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);

    assertThat(grants.find(WORKFLOW_ID)).isEmpty();
    assertThat(ended.revocationReason()).isEqualTo("ended early by bruno");
    assertThat(ended.revokedAt()).isBefore(grant.expiresAt().minus(Duration.ofMinutes(11)));
    session.completeReview(new Review(CAROL, "ended early; one action, justified"));
    assertThat(outcomeOf(session).phase()).isEqualTo(BreakGlassPhase.CLOSED);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "breakglass-ended-early");
  }

  @Test
  void refusesEachWrongApproverCombinationForLevelOne() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null, LENA, BRUNO);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);

    assertRefused(
        () -> session.authorise(approve(LENA)),
        "lena declared this session and cannot authorise it");
    assertRefused(
        () -> session.authorise(approve(KIM)),
        "kim holds none of the roles that authorise a L1 session: [APPLICATION_OWNER,"
            + " SECURITY_TEAM_LEAD]");
    assertRefused(
        () -> session.authorise(approve(CAROL)),
        "carol holds none of the roles that authorise a L1 session");
    assertRefused(
        () -> session.authorise(approve(BRUNO)), "bruno is the break-glass admin of this session");

    session.authorise(approve(PAT));
    assertRefused(() -> session.authorise(approve(PAT)), "pat has already approved this session");
    assertRefused(
        () -> session.authorise(approve(LARS)),
        "the approvals lars could give are already given (SECURITY_TEAM_LEAD by pat)");
    session.authorise(approve(ALICE));
    assertThat(awaitPhase(session, BreakGlassPhase.ACTIVE).approvals())
        .extracting(a -> a.role() + " by " + a.approver())
        .containsExactly("SECURITY_TEAM_LEAD by pat", "APPLICATION_OWNER by alice");
  }

  @Test
  void refusesASecondApprovalInARoleAlreadyGiven() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    session.authorise(approve(LENA));

    assertRefused(
        () -> session.authorise(approve(LARS)),
        "the approvals lars could give are already given (SECURITY_TEAM_LEAD by lena); still"
            + " needed: [APPLICATION_OWNER]");
    assertThat(session.state().phase()).isEqualTo(BreakGlassPhase.AWAITING_AUTHORISATION);
    assertThat(session.state().awaitingRoles()).containsExactly(Role.APPLICATION_OWNER);
  }

  @Test
  void refusesTheAdminApprovingTheirOwnAccessEvenWithAnApproverRole() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null, SOL, BLAKE);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);

    assertRefused(
        () -> session.authorise(approve(BLAKE)),
        "blake is the break-glass admin of this session and cannot authorise their own access");
  }

  @Test
  void requiresCisoAndCtoWhenAnUltraKeyIsInScope() {
    BreakGlassWorkflow session = declare(List.of(ORDERS, VAULT_KEY), null);
    BreakGlassState waiting = awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);

    assertThat(waiting.assessment().level()).isEqualTo(BreakGlassLevel.L2);
    assertThat(waiting.assessment().reason()).contains("kv-ultra-prod/payments-master is ULTRA");
    assertThat(waiting.awaitingRoles()).containsExactlyInAnyOrder(Role.CISO, Role.CTO);
    awaitTrue(
        () -> notifications.titles().contains("Break-glass declared: INC0012345"), "declared");
    assertThat(notifications.on(NotificationTopic.BREAK_GLASS))
        .as("a level 2 authorisation is never taken from chat")
        .singleElement()
        .satisfies(n -> assertThat(n.action()).isNull());
    assertRefused(
        () -> session.authorise(approve(LENA)),
        "lena holds none of the roles that authorise a L2 session: [CISO, CTO]");
    assertRefused(() -> session.authorise(approve(ALICE)), "alice holds none of the roles");
    session.authorise(signed(CAROL));
    assertRefused(() -> session.authorise(signed(CAROL)), "carol has already approved");
    session.authorise(signed(TOM));
    awaitPhase(session, BreakGlassPhase.ACTIVE);
  }

  @Test
  void requiresTheCeoWhenARootCaKeyIsInScope() {
    BreakGlassWorkflow session = declareVault("kv-ultra-prod", SOL);
    BreakGlassState waiting = awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);

    assertThat(waiting.assessment().level()).isEqualTo(BreakGlassLevel.L3);
    assertThat(waiting.assessment().keys())
        .extracting(ScopedKey::key)
        .containsExactly(VAULT_KEY, ROOT_CA);
    assertThat(waiting.assessment().reason()).contains("kv-ultra-prod/root-ca is a root CA key");
    assertRefused(() -> session.authorise(approve(CAROL)), "authorise a L3 session: [CEO]");
    assertRefused(() -> session.authorise(approve(TOM)), "authorise a L3 session: [CEO]");
    session.authorise(signed(ERIN));
    assertThat(awaitPhase(session, BreakGlassPhase.ACTIVE).grant().scope().vault())
        .isEqualTo("kv-ultra-prod");
  }

  @Test
  void countsAKeyWithoutClassificationAsUltra() {
    BreakGlassWorkflow session = declare(List.of(UNTAGGED), null);

    BreakGlassState waiting = awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    assertThat(waiting.assessment().level()).isEqualTo(BreakGlassLevel.L2);
    assertThat(waiting.assessment().reason())
        .contains("kv-legacy/old-key is not in the key register and counts as ULTRA");
  }

  @Test
  void theLevelOneApprovalComesFromTheKeysOwnerNotAnyApplicationOwner() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    Actor andy = new Actor("andy", Set.of(Role.APPLICATION_OWNER));

    assertRefused(
        () -> session.authorise(approve(andy)),
        "andy does not own the keys in scope: a Level 1 session is approved by their accountable"
            + " owner, alice");
    session.authorise(approve(LARS));
    session.authorise(approve(ALICE));
    assertThat(session.state().approvals())
        .extracting(Approval::approver)
        .containsExactly("lars", "alice");
  }

  @Test
  void reportsProviderTagsThatDisagreeWithTheRegisterAndCountsTheStricter() {
    register.register(UNTAGGED, Classification.RESTRICTED, KeyUsage.API_KEY, ALICE.id());
    keys.existing(UNTAGGED, Map.of("Classification", "ULTRA"));
    BreakGlassWorkflow session = declare(List.of(UNTAGGED), null);

    BreakGlassState waiting = awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    assertThat(waiting.assessment().level()).isEqualTo(BreakGlassLevel.L2);
    assertThat(waiting.timeline())
        .anySatisfy(
            entry -> {
              assertThat(entry.action()).isEqualTo("REGISTER_MISMATCH");
              assertThat(entry.detail())
                  .contains("the provider tags it ULTRA, the key register RESTRICTED");
            });
  }

  @Test
  void revokesAtOnceWhenTheWorkerComesBackAfterBeingDownAtTheFifteenMinuteMark() {
    BreakGlassWorkflow session = activeLevelOneSession(List.of(ORDERS));
    AccessGrant grant = session.state().grant();
    // Nothing may be left pending when the worker goes: a pending task would hold the test
    // server's clock from now on, and the sleep to the mark would pass in real time.
    awaitIdle();

    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    // Past the mark the timer has fired and its task waits for a worker, which holds the test
    // server's clock: the last two seconds pass in real time.
    env.sleep(untilOneSecondBefore(grant.expiresAt()).plus(Duration.ofSeconds(2)));
    assertThat(grants.find(WORKFLOW_ID))
        .as("no worker ran at the fifteen-minute mark, so nothing revoked yet")
        .isPresent();

    workers = startWorker();
    BreakGlassState revoked = awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);

    assertThat(grants.find(WORKFLOW_ID)).as("revoked as soon as a worker was back").isEmpty();
    assertThat(revoked.revocation().verifiedAbsent()).isTrue();
    assertThat(revoked.revokedAt()).isAfter(grant.expiresAt());
    assertThat(audit.detailsOf("BREAK_GLASS_ACCESS_REVOKED")).containsKey("revokedAfterExpiryBy");
    session.completeReview(new Review(CAROL, "revoked late while the worker was down"));
    assertThat(outcomeOf(session).phase()).isEqualTo(BreakGlassPhase.CLOSED);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "breakglass-revoked-after-worker-outage");
  }

  @Test
  void escalatesThePostIncidentReviewWhenNotDoneWithinADay() {
    BreakGlassWorkflow session = activeLevelOneSession(List.of(ORDERS));
    session.end(new EndRequest(BRUNO, "done"));
    awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);

    env.sleep(Duration.ofHours(23));
    assertThat(session.state().phase()).isEqualTo(BreakGlassPhase.AWAITING_REVIEW);
    env.sleep(Duration.ofHours(2));
    BreakGlassState overdue = awaitPhase(session, BreakGlassPhase.REVIEW_OVERDUE);

    assertThat(overdue.awaitingRoles()).contains(Role.CISO, Role.SECURITY_TEAM_LEAD);
    awaitNotification("Post-incident review overdue: INC0012345");
    assertThat(
            notifications.on(NotificationTopic.APPROVALS).stream()
                .filter(n -> n.title().startsWith("Post-incident review overdue")))
        .singleElement()
        .matches(n -> n.severity() == Notification.Severity.CRITICAL);
    assertThat(searchAttribute(KeywardSearchAttributes.PHASE)).isEqualTo("REVIEW_OVERDUE");

    assertRefused(
        () -> session.completeReview(new Review(BRUNO, "all fine")),
        "bruno holds none of the roles that review break-glass sessions");
    assertRefused(() -> session.completeReview(new Review(AUDREY, " ")), "findings are required");
    session.completeReview(new Review(AUDREY, "late, but the actions were justified"));
    assertThat(outcomeOf(session).phase()).isEqualTo(BreakGlassPhase.CLOSED);
    HistoryRecorder.saveIfAsked(client, WORKFLOW_ID, "breakglass-review-overdue");
  }

  @Test
  void refusesAReviewBeforeTheAccessWasRevokedAndByTheAdmin() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null, SOL, BLAKE);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    session.authorise(approve(LENA));
    session.authorise(approve(ALICE));
    awaitPhase(session, BreakGlassPhase.ACTIVE);

    assertRefused(
        () -> session.completeReview(new Review(CAROL, "early")),
        "the post-incident review opens when the access has been revoked; the session is ACTIVE");
    session.end(new EndRequest(SOL, "incident contained"));
    awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);
    assertRefused(
        () -> session.completeReview(new Review(BLAKE, "I did well")),
        "blake held the break-glass access and cannot review their own session");
    assertRefused(
        () -> session.completeReview(new Review(LENA, "I approved it, so it was fine")),
        "lena authorised this session and cannot review it");
  }

  @Test
  void theDeclarerCannotReviewTheirOwnEmergency() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null, CAROL, BLAKE);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    session.authorise(approve(LENA));
    session.authorise(approve(ALICE));
    awaitPhase(session, BreakGlassPhase.ACTIVE);
    session.end(new EndRequest(SOL, "incident contained"));
    awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW);

    assertRefused(
        () -> session.completeReview(new Review(CAROL, "my call was right")),
        "carol declared this session and cannot review it");
    session.completeReview(new Review(AUDREY, "the emergency and its actions were justified"));
    assertThat(outcomeOf(session).phase()).isEqualTo(BreakGlassPhase.CLOSED);
  }

  @Test
  void aDenialEndsTheSessionWithoutAccess() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    session.authorise(approve(LENA));
    assertRefused(
        () -> session.authorise(new Authorisation(ALICE, AuthorisationDecision.DENY, null)),
        "DENY needs a reason");

    session.authorise(new Authorisation(ALICE, AuthorisationDecision.DENY, "no outage here"));

    BreakGlassOutcome outcome = outcomeOf(session);
    assertThat(outcome.phase()).isEqualTo(BreakGlassPhase.DENIED);
    assertThat(outcome.reason()).isEqualTo("denied by alice");
    assertThat(grants.grantCalls()).isZero();
  }

  @Test
  void expiresWhenNotAuthorisedWithinAnHour() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    session.authorise(approve(LENA));

    env.sleep(Duration.ofMinutes(61));

    BreakGlassOutcome outcome = outcomeOf(session);
    assertThat(outcome.phase()).isEqualTo(BreakGlassPhase.EXPIRED);
    assertThat(grants.grantCalls()).isZero();
  }

  @Test
  void failsWhenAKeyInScopeDoesNotExist() {
    BreakGlassWorkflow session =
        declare(List.of(ORDERS, new KeyRef("kv-orders-prod", "no-such-key")), null);

    BreakGlassOutcome outcome = outcomeOf(session);
    assertThat(outcome.phase()).isEqualTo(BreakGlassPhase.FAILED);
    assertThat(outcome.reason()).contains("no provider holds [kv-orders-prod/no-such-key]");
    assertThat(grants.grantCalls()).isZero();
  }

  @Test
  void refusesADeclarationForSomeoneWhoIsNotABreakGlassAdmin() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null, SOL, KIM);

    assertThatThrownBy(() -> outcomeOf(session))
        .isInstanceOf(WorkflowFailedException.class)
        .hasStackTraceContaining("kim is not a break-glass admin");
    assertThat(log.calls()).doesNotContain("keys:listVersions", "access:grant");
  }

  @Test
  void refusesToEndASessionForSomeoneWithNoPartInIt() {
    BreakGlassWorkflow session = activeLevelOneSession(List.of(ORDERS));

    assertRefused(
        () -> session.end(new EndRequest(KIM, "curious")), "kim may not end this session");
    session.end(new EndRequest(ALICE, "approver ends it"));
    assertThat(awaitPhase(session, BreakGlassPhase.AWAITING_REVIEW).revocationReason())
        .isEqualTo("ended early by alice");
  }

  @Test
  void publishesPhaseIncidentAndAwaitedRolesAsSearchAttributes() {
    BreakGlassWorkflow session = declare(List.of(ORDERS), null);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);

    assertThat(searchAttribute(KeywardSearchAttributes.KIND)).isEqualTo("BreakGlass");
    assertThat(searchAttribute(KeywardSearchAttributes.PHASE)).isEqualTo("AWAITING_AUTHORISATION");
    assertThat(searchAttribute(KeywardSearchAttributes.INCIDENT)).isEqualTo("INC0012345");
    assertThat(searchAttribute(KeywardSearchAttributes.KEY_NAME))
        .isEqualTo("kv-orders-prod/orders-tde");
    assertThat(searchAttribute(KeywardSearchAttributes.AWAITING_ROLES))
        .isEqualTo(List.of("APPLICATION_OWNER", "SECURITY_TEAM_LEAD"));
    assertThat(
            String.valueOf(
                client
                    .newUntypedWorkflowStub(WORKFLOW_ID)
                    .describe()
                    .getMemo("summary", String.class)))
        .contains("Break-glass L1 for INC0012345", "bruno", "AWAITING_AUTHORISATION");
  }

  private BreakGlassWorkflow activeLevelOneSession(List<KeyRef> scope) {
    BreakGlassWorkflow session = declare(scope, null);
    awaitPhase(session, BreakGlassPhase.AWAITING_AUTHORISATION);
    session.authorise(approve(LENA));
    session.authorise(approve(ALICE));
    awaitPhase(session, BreakGlassPhase.ACTIVE);
    return session;
  }

  private BreakGlassWorkflow declare(List<KeyRef> keys, Duration duration) {
    return declare(keys, duration, SOL, BRUNO);
  }

  private BreakGlassWorkflow declare(
      List<KeyRef> keys, Duration duration, Actor declarer, Actor admin) {
    return start(
        new BreakGlassDeclaration(
            INCIDENT,
            BreakGlassScope.ofKeys(keys),
            "orders database cannot decrypt: TDE key disabled by mistake",
            duration,
            admin,
            declarer));
  }

  private BreakGlassWorkflow declareVault(String vault, Actor declarer) {
    return start(
        new BreakGlassDeclaration(
            INCIDENT,
            BreakGlassScope.ofVault(vault),
            "signing outage",
            Duration.ofMinutes(10),
            BRUNO,
            declarer));
  }

  private BreakGlassWorkflow start(BreakGlassDeclaration declaration) {
    BreakGlassWorkflow session =
        client.newWorkflowStub(
            BreakGlassWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.CEREMONIES)
                .build());
    WorkflowClient.start(session::run, declaration);
    return session;
  }

  /**
   * A worker of its own factory, so a test can stop it and start another. It does not keep
   * workflows on a sticky queue: the real server moves a dead worker's sticky tasks to the normal
   * queue after a few seconds, the in-process test server never does.
   */
  private WorkerFactory startWorker() {
    return server.startWorker(
        WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build(),
        worker -> {
          worker.registerWorkflowImplementationTypes(BreakGlassWorkflowImpl.class);
          worker.registerActivitiesImplementations(
              register.activities(), keys, grants, audit, notifications, people.credentials());
        });
  }

  private Duration untilOneSecondBefore(Instant instant) {
    return Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), instant).minusSeconds(1);
  }

  private static Authorisation approve(Actor approver) {
    return new Authorisation(approver, AuthorisationDecision.APPROVE, "outage confirmed");
  }

  /** An approval signed by the approver's own security key, as level 2 and 3 need. */
  private Authorisation signed(Actor approver) {
    return new Authorisation(
        approver,
        AuthorisationDecision.APPROVE,
        "outage confirmed",
        people.sign(
            client,
            approver,
            WORKFLOW_ID,
            "APPROVE",
            BreakGlassPhase.AWAITING_AUTHORISATION.name(),
            "outage confirmed"));
  }

  private static void assertRefused(Runnable update, String why) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .hasMessageContaining(why);
  }

  /** Waits until the session has no activity and no workflow task pending. */
  private void awaitIdle() {
    DescribeWorkflowExecutionRequest describe =
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID))
            .build();
    for (int i = 0; i < 200; i++) {
      DescribeWorkflowExecutionResponse now =
          client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(describe);
      if (now.getPendingActivitiesCount() == 0 && !now.hasPendingWorkflowTask()) {
        return;
      }
      env.sleep(Duration.ofMillis(50));
    }
    throw new AssertionError(WORKFLOW_ID + " never became idle");
  }

  private BreakGlassState awaitPhase(BreakGlassWorkflow session, BreakGlassPhase phase) {
    return awaitState(session, s -> s.phase() == phase, "phase " + phase);
  }

  private BreakGlassState awaitState(
      BreakGlassWorkflow session,
      java.util.function.Predicate<BreakGlassState> condition,
      String what) {
    BreakGlassState state = session.state();
    for (int i = 0; i < 200 && !condition.test(state); i++) {
      env.sleep(Duration.ofMillis(50));
      state = session.state();
    }
    assertThat(condition.test(state)).as(what + " reached; state: " + state.phase()).isTrue();
    return state;
  }

  private void awaitNotification(String title) {
    awaitTrue(() -> notifications.titles().contains(title), "notification " + title);
  }

  private void awaitTrue(Supplier<Boolean> condition, String what) {
    for (int i = 0; i < 200 && !condition.get(); i++) {
      env.sleep(Duration.ofMillis(50));
    }
    assertThat(condition.get()).as(what).isTrue();
  }

  private Object searchAttribute(io.temporal.common.SearchAttributeKey<?> key) {
    return client
        .newUntypedWorkflowStub(WORKFLOW_ID)
        .describe()
        .getTypedSearchAttributes()
        .get(key);
  }

  private static BreakGlassOutcome outcomeOf(BreakGlassWorkflow session) {
    return WorkflowStub.fromTyped(session).getResult(BreakGlassOutcome.class);
  }
}
