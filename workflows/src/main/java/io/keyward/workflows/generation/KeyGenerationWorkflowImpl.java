package io.keyward.workflows.generation;

import static io.keyward.workflows.ceremony.WorkflowClock.now;
import static io.keyward.workflows.common.KeywardSearchAttributes.CLASSIFICATION;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.ceremony.ActivityFailures;
import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.ceremony.CeremonyNotifier;
import io.keyward.workflows.ceremony.CeremonyRecord;
import io.keyward.workflows.ceremony.CeremonyVisibility;
import io.keyward.workflows.ceremony.IdempotencyKeys;
import io.keyward.workflows.ceremony.UpdateRefusals;
import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.Lifecycles;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.SignedDecisions;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runbook 3.3 as a workflow: approvals, custodian 1 generates, custodian 2 verifies and activates,
 * security validates and registers. Who may decide lives in {@link GenerationCeremony}, what the
 * ceremony says in {@link GenerationMessages}.
 */
public class KeyGenerationWorkflowImpl implements KeyGenerationWorkflow {
  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final RegisterSteps register = new RegisterSteps();
  private final GenerationRequest request;
  private final GenerationCeremony ceremony;
  private final CeremonyRecord record;
  private final CeremonyNotifier notifier;
  private final TicketWriteBack ticket;

  /** The change id under which ULTRA decisions carry the decider's assertion (VERSIONS.md). */
  static final String SIGNED_DECISIONS = "ultra-decisions-signed-by-authenticator";

  private final SignedDecisions signed = new SignedDecisions(SIGNED_DECISIONS, "an ULTRA decision");

  /**
   * Set when the main method starts recording the request: a decision delivered in the same first
   * task waits for it, so the trail always shows the request before any decision on it.
   */
  private boolean requestRecording;

  /** Builds the state before any Update is delivered, so the first decision finds it. */
  @WorkflowInit
  public KeyGenerationWorkflowImpl(GenerationRequest request) {
    this.request = request;
    this.ceremony =
        new GenerationCeremony(request, PolicyMatrix.policyFor(request.classification()));
    this.record = new CeremonyRecord(ceremony::record);
    this.notifier = new CeremonyNotifier(record);
    this.ticket = new TicketWriteBack(request.ticket(), request.ticketBinding());
  }

  @Override
  public GenerationOutcome run(GenerationRequest request) {
    GenerationCeremony.requestRefusal(request)
        .ifPresent(
            refusal -> {
              throw ApplicationFailure.newNonRetryableFailure(refusal, "PolicyViolation");
            });
    signed.choose(ultra());
    requestRecording = true;
    record.step(
        request.requester().id(),
        "REQUESTED",
        request.justification(),
        "GENERATION_REQUESTED",
        GenerationMessages.requestDetails(ceremony.snapshot()));

    GenerationOutcome outcome = ceremonyOutcome();
    Workflow.await(Workflow::isEveryHandlerFinished);
    notifier.awaitDelivered();
    ticket.awaitDelivered();
    return outcome;
  }

  private GenerationOutcome ceremonyOutcome() {
    // Step 2: the quorum of the classification approves.
    if (!awaitStep(
        GenerationPhase.AWAITING_APPROVAL, () -> ceremony.quorumReached() || ceremony.denied())) {
      return finish(GenerationPhase.EXPIRED, "approval quorum not reached in time");
    }
    if (ceremony.denied()) {
      return finish(GenerationPhase.DENIED, "denied by " + ceremony.denier());
    }
    // Step 3: custodian 1 generates the key, disabled, in the provider the policy requires.
    if (!awaitStep(GenerationPhase.AWAITING_GENERATION, ceremony::generationOrdered)) {
      return finish(GenerationPhase.EXPIRED, "no key custodian generated the key in time");
    }
    enter(GenerationPhase.GENERATING);
    Optional<String> taken = nameTaken();
    if (taken.isPresent()) {
      return finish(GenerationPhase.FAILED, taken.get());
    }
    KeyVersionInfo made;
    try {
      made =
          keys.create(
              ceremony.createCommand(
                  now(), IdempotencyKeys.subject(), IdempotencyKeys.forStep("generate")));
    } catch (ActivityFailure failure) {
      return finish(
          GenerationPhase.FAILED, "key creation failed: " + ActivityFailures.describe(failure));
    }
    ceremony.keyVersion(made);
    keyStep("KEY_GENERATED", "version " + made.version() + " (disabled)", made);

    // Step 4: custodian 2 verifies the attributes against the approved spec, then activates.
    if (!awaitStep(GenerationPhase.AWAITING_VERIFICATION, ceremony::verificationDecided)) {
      return finish(
          GenerationPhase.EXPIRED,
          "custodian 2 did not verify in time; version " + made.version() + " stays disabled");
    }
    if (ceremony.rejectedByCustodian()) {
      return finish(
          GenerationPhase.REJECTED,
          "custodian 2 rejected the attributes; version " + made.version() + " stays disabled");
    }
    enter(GenerationPhase.ACTIVATING);
    List<String> mismatches =
        KeyAttributeCheck.mismatches(keys.describe(request.key(), made.version()), request);
    if (!mismatches.isEmpty()) {
      return finish(
          GenerationPhase.FAILED,
          "attributes differ from the approved spec, version stays disabled: " + mismatches);
    }
    KeyVersionInfo active = keys.setEnabled(request.key(), made.version(), true);
    ceremony.keyVersion(active);
    keyStep("KEY_ACTIVATED", "version " + made.version(), active);

    // Step 5: security validates compliance and registers the key.
    if (!awaitStep(GenerationPhase.AWAITING_REGISTRATION, ceremony::registrationOrdered)) {
      keys.setEnabled(request.key(), made.version(), false);
      record.audit("KEY_DEACTIVATED", null, AuditDetails.of(made).build());
      return finish(
          GenerationPhase.EXPIRED,
          "security did not validate in time; version " + made.version() + " disabled again");
    }
    enter(GenerationPhase.REGISTERING);
    return register(made.version());
  }

  /**
   * Why the key's name cannot be used: the provider already holds versions of it, which this
   * ceremony did not make (it makes none before this check). Empty when the name is free.
   */
  private Optional<String> nameTaken() {
    try {
      List<KeyVersionInfo> existing = keys.listVersions(request.key());
      return existing.isEmpty()
          ? Optional.empty()
          : Optional.of(GenerationMessages.nameTaken(request.key(), existing));
    } catch (ActivityFailure failure) {
      return Optional.of(
          "could not check whether "
              + request.key()
              + " already exists: "
              + ActivityFailures.describe(failure));
    }
  }

  private GenerationOutcome register(String version) {
    KeyVersionInfo current = keys.describe(request.key(), version);
    RoundTripResult roundTrip = keys.roundTrip(request.key(), version);
    List<String> findings = ceremony.complianceFindings(current, roundTrip);
    if (!findings.isEmpty()) {
      keys.setEnabled(request.key(), version, false);
      record.audit("KEY_DEACTIVATED", null, AuditDetails.of(current).build());
      return finish(
          GenerationPhase.FAILED, "compliance validation failed, version disabled: " + findings);
    }
    String protection = GenerationMessages.protectionNote(current, ceremony.policy().protection());
    record.step(
        "KEY_REGISTERED",
        roundTrip.operation() + " round trip passed; " + protection,
        "KEY_REGISTERED",
        AuditDetails.of(current)
            .with("roundTrip", roundTrip.operation() + " passed")
            .with("protection", protection)
            .build());
    recordInRegister(version);
    startLifecycle();
    return finish(GenerationPhase.REGISTERED, "registered in the key register");
  }

  /** Writes every fact of the key to the key register, from the request the quorum approved. */
  private void recordInRegister(String version) {
    register.apply(
        GenerationRegistration.updateFor(
            request,
            version,
            RegisterSteps.changeId("register"),
            RegisterSteps.ceremony(),
            ceremony.securityValidator(),
            now()));
    record.timeline(null, "KEY_REGISTER_WRITTEN", registerNote());
  }

  private String registerNote() {
    return request.classification()
        + ", "
        + GenerationRegistration.usageOf(request).label()
        + ", ACTIVE";
  }

  /**
   * Puts the registered key under its rotation policy (runbook 6.1, 6.2): starts its lifecycle,
   * which outlives this ceremony. The usage comes from the spec's {@code KeyUsage} tag, else the
   * matrix's default (an application key, rotating yearly).
   */
  private void startLifecycle() {
    KeyUsage usage = GenerationRegistration.usageOf(request);
    try {
      boolean started =
          new Lifecycles()
              .start(
                  LifecycleInput.enrol(
                      request.key(), usage, request.classification(), request.requester().id()));
      record.timeline(
          null,
          "LIFECYCLE_STARTED",
          GenerationMessages.lifecycleStarted(
              usage.label(), RotationMatrix.ruleFor(usage), started));
    } catch (ActivityFailure failure) {
      record.timeline(
          null,
          "LIFECYCLE_NOT_STARTED",
          GenerationMessages.lifecycleNotStarted(ActivityFailures.describe(failure)));
    }
  }

  @Override
  public GenerationState decide(Decision decision) {
    Workflow.await(() -> requestRecording);
    String step = step(decision);
    // The store is read in between: the step may have moved on meanwhile.
    signed.confirmOrRefuse(
        ultra(),
        decision.actor().id(),
        step,
        decision.reason(),
        decision.assertion(),
        () -> ceremony.refusalFor(decision));
    ceremony.apply(decision, now());
    publishParticipant();
    record.audit(
        "DECISION_" + decision.type().name(),
        decision.actor().id(),
        GenerationMessages.decisionDetails(
            decision, ceremony.phase(), signed.auditDetails(step, decision.assertion())));
    return ceremony.snapshot();
  }

  @Override
  public void validateDecide(Decision decision) {
    Optional<String> refusal = ceremony.refusalFor(decision);
    if (refusal.isEmpty()) {
      refusal =
          signed.refusalFor(
              ultra(),
              decision.actor().id(),
              step(decision),
              decision.reason(),
              decision.assertion());
    }
    UpdateRefusals.refuseIfPresent(refusal);
  }

  /** The step a decision answers: its type and the phase open now, as its challenge names them. */
  private String step(Decision decision) {
    return DecisionChallenge.step(decision.type().name(), ceremony.phase().name());
  }

  private boolean ultra() {
    return request.classification() == Classification.ULTRA;
  }

  @Override
  public GenerationState state() {
    return ceremony.snapshot();
  }

  /** Opens a human step and waits for it; false when its deadline passed first. */
  private boolean awaitStep(GenerationPhase step, Supplier<Boolean> done) {
    signed.load();
    ceremony.moveTo(step, now().plus(request.stepTimeout()));
    published();
    return Workflow.await(request.stepTimeout(), done);
  }

  private void enter(GenerationPhase next) {
    ceremony.moveTo(next, null);
    published();
  }

  /** A key operation done: its timeline line and its audit event, with the version's facts. */
  private void keyStep(String action, String detail, KeyVersionInfo version) {
    record.audit(action, null, AuditDetails.of(version).build());
    record.timeline(null, action, detail);
  }

  private GenerationOutcome finish(GenerationPhase last, String reason) {
    ceremony.finish(last, reason);
    publishPhase();
    record.timeline(null, last.name(), reason);
    tellPeople();
    record.audit("GENERATION_" + last.name(), null, Map.of("reason", reason));
    return new GenerationOutcome(last, ceremony.keyVersion(), reason);
  }

  /** Shows the new phase, writes it to the ticket and announces an open approval. */
  private void published() {
    publishPhase();
    tellPeople();
  }

  private void tellPeople() {
    GenerationState state = ceremony.snapshot();
    GenerationTicketNotes.forState(state).ifPresent(note -> ticket.post(note.state(), note.text()));
    if (state.phase() == GenerationPhase.AWAITING_APPROVAL) {
      notifier.send(GenerationMessages.approvalWaiting(state, IdempotencyKeys.subject()));
    }
  }

  private void publishPhase() {
    GenerationState state = ceremony.snapshot();
    List<SearchAttributeUpdate<?>> attributes =
        List.of(
            SearchAttributeUpdate.valueSet(KIND, GenerationStartOptions.KIND),
            SearchAttributeUpdate.valueSet(PHASE, state.phase().name()),
            SearchAttributeUpdate.valueSet(KEY_NAME, request.key().toString()),
            SearchAttributeUpdate.valueSet(CLASSIFICATION, request.classification().name()),
            CeremonyVisibility.awaiting(state.awaitingRoles()));
    if (CeremonyVisibility.publishesWaitingStep()) {
      CeremonyVisibility.publish(
          GenerationMessages.summary(state), attributes, state.waitingStep());
    } else {
      CeremonyVisibility.publish(GenerationMessages.summary(state), attributes);
    }
  }

  /**
   * After an approval that leaves the quorum short, the step stays open with one more participant:
   * published again so that the inbox stops offering it to the approver ({@link
   * CeremonyVisibility#WAITING_STEP_CHANGE}; other decisions close the step, which publishes).
   */
  private void publishParticipant() {
    if (ceremony.phase() == GenerationPhase.AWAITING_APPROVAL
        && !ceremony.quorumReached()
        && !ceremony.denied()
        && CeremonyVisibility.publishesWaitingStep()) {
      publishPhase();
    }
  }
}
