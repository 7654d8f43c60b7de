package io.keyward.workflows.generation;

import static io.keyward.workflows.common.KeywardSearchAttributes.AWAITING_ROLES;
import static io.keyward.workflows.common.KeywardSearchAttributes.CLASSIFICATION;
import static io.keyward.workflows.common.KeywardSearchAttributes.KEY_NAME;
import static io.keyward.workflows.common.KeywardSearchAttributes.KIND;
import static io.keyward.workflows.common.KeywardSearchAttributes.PHASE;

import io.keyward.workflows.common.CeremonyActivityOptions;
import io.keyward.workflows.common.CeremonyAudit;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyAttributes;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.lifecycle.LifecycleInput;
import io.keyward.workflows.lifecycle.Lifecycles;
import io.keyward.workflows.notify.NoticeAction;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.notify.NotificationTopic;
import io.keyward.workflows.policy.CeremonyRoles;
import io.keyward.workflows.policy.ClassificationPolicy;
import io.keyward.workflows.policy.CryptoStandards;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.policy.PolicyViolation;
import io.keyward.workflows.policy.RotationMatrix;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.servicenow.TicketWriteBack;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Runbook 3.3 as a workflow; the rules of who may decide live in {@link GenerationCeremony}. */
public class KeyGenerationWorkflowImpl implements KeyGenerationWorkflow {
  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final CeremonyAudit audit = new CeremonyAudit();
  private final RegisterSteps register = new RegisterSteps();
  private final GenerationCeremony ceremony;
  private final GenerationRequest request;

  /** Approval announcements: a few tries, then the notifier gives up with an audit record. */
  private static final ActivityOptions NOTICES =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .setMaximumAttempts(6)
                  .setDoNotRetry(IllegalArgumentException.class.getName())
                  .build())
          .build();

  private final NotificationActivities notifications =
      Workflow.newActivityStub(NotificationActivities.class, NOTICES);
  private final TicketWriteBack ticket;

  /** Builds the state before any Update is delivered, so the first decision finds it. */
  @WorkflowInit
  public KeyGenerationWorkflowImpl(GenerationRequest request) {
    this.request = request;
    this.ceremony =
        new GenerationCeremony(request, PolicyMatrix.policyFor(request.classification()));
    this.ticket = new TicketWriteBack(request.ticket());
  }

  @Override
  public GenerationOutcome run(GenerationRequest request) {
    ClassificationPolicy policy = PolicyMatrix.policyFor(request.classification());
    refuseOutOfPolicy(request);
    audit.append("GENERATION_REQUESTED", request.requester().id(), requestDetails(policy));
    ceremony.record(now(), request.requester().id(), "REQUESTED", request.justification());

    GenerationOutcome outcome = ceremonyOutcome();
    Workflow.await(Workflow::isEveryHandlerFinished);
    ticket.awaitDelivered();
    return outcome;
  }

  private GenerationOutcome ceremonyOutcome() {
    if (!awaitStep(
        GenerationPhase.AWAITING_APPROVAL, () -> ceremony.quorumReached() || ceremony.denied())) {
      return expire("approval quorum not reached in time");
    }
    if (ceremony.denied()) {
      return finish(GenerationPhase.DENIED, "denied by " + ceremony.denier());
    }
    if (!awaitStep(GenerationPhase.AWAITING_GENERATION, ceremony::generationOrdered)) {
      return expire("no key custodian generated the key in time");
    }
    enter(GenerationPhase.GENERATING, null);
    Optional<String> taken = nameTaken();
    if (taken.isPresent()) {
      return finish(GenerationPhase.FAILED, taken.get());
    }
    KeyVersionInfo made;
    try {
      made = keys.create(createCommand());
    } catch (ActivityFailure failure) {
      return finish(GenerationPhase.FAILED, "key creation failed: " + reason(failure));
    }
    ceremony.keyVersion(made);
    audit.append("KEY_GENERATED", null, versionDetails(made));
    ceremony.record(now(), "keyward", "KEY_GENERATED", "version " + made.version() + " (disabled)");

    if (!awaitStep(GenerationPhase.AWAITING_VERIFICATION, ceremony::verificationDecided)) {
      return expire(
          "custodian 2 did not verify in time; version " + made.version() + " stays disabled");
    }
    if (ceremony.rejectedByCustodian()) {
      return finish(
          GenerationPhase.REJECTED,
          "custodian 2 rejected the attributes; version " + made.version() + " stays disabled");
    }
    enter(GenerationPhase.ACTIVATING, null);
    List<String> mismatches =
        KeyAttributeCheck.mismatches(keys.describe(request.key(), made.version()), request);
    if (!mismatches.isEmpty()) {
      return finish(
          GenerationPhase.FAILED,
          "attributes differ from the approved spec, version stays disabled: " + mismatches);
    }
    KeyVersionInfo active = keys.setEnabled(request.key(), made.version(), true);
    ceremony.keyVersion(active);
    audit.append("KEY_ACTIVATED", null, versionDetails(active));
    ceremony.record(now(), "keyward", "KEY_ACTIVATED", "version " + made.version());

    if (!awaitStep(GenerationPhase.AWAITING_REGISTRATION, ceremony::registrationOrdered)) {
      keys.setEnabled(request.key(), made.version(), false);
      audit.append("KEY_DEACTIVATED", null, versionDetails(made));
      return expire(
          "security did not validate in time; version " + made.version() + " disabled again");
    }
    enter(GenerationPhase.REGISTERING, null);
    return register(made.version());
  }

  /**
   * Why the key's name cannot be used: the provider already holds versions of it, which this
   * ceremony did not make (it makes none before this check). Empty when the name is free.
   */
  private Optional<String> nameTaken() {
    List<KeyVersionInfo> existing;
    try {
      existing = keys.listVersions(request.key());
    } catch (ActivityFailure failure) {
      return Optional.of(
          "could not check whether " + request.key() + " already exists: " + reason(failure));
    }
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        request.key()
            + " already exists in "
            + existing.get(0).provider()
            + " with "
            + existing.size()
            + " version(s) this ceremony did not make (made by hand, imported, or left disabled by"
            + " an earlier ceremony): rotate or retire that key, or request one under another"
            + " name");
  }

  private GenerationOutcome register(String version) {
    KeyVersionInfo current = keys.describe(request.key(), version);
    List<String> findings = KeyAttributeCheck.complianceFindings(current, request);
    RoundTripResult roundTrip = keys.roundTrip(request.key(), version);
    if (!roundTrip.passed()) {
      findings =
          appended(
              findings, "round trip " + roundTrip.operation() + " failed: " + roundTrip.detail());
    }
    if (!findings.isEmpty()) {
      keys.setEnabled(request.key(), version, false);
      audit.append("KEY_DEACTIVATED", null, versionDetails(current));
      return finish(
          GenerationPhase.FAILED, "compliance validation failed, version disabled: " + findings);
    }
    Map<String, String> details = versionDetails(current);
    details.put("roundTrip", roundTrip.operation() + " passed");
    details.put("protection", protectionNote(current));
    audit.append("KEY_REGISTERED", null, details);
    ceremony.record(
        now(),
        "keyward",
        "KEY_REGISTERED",
        roundTrip.operation() + " round trip passed; " + protectionNote(current));
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
    ceremony.record(now(), "keyward", "KEY_REGISTER_WRITTEN", registerNote());
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
    String action = "LIFECYCLE_STARTED";
    String detail;
    try {
      LifecycleInput input =
          LifecycleInput.enrol(
              request.key(), usage, request.classification(), request.requester().id());
      boolean started = new Lifecycles().start(input);
      detail =
          started
              ? usage.label() + ": rotation every " + RotationMatrix.ruleFor(usage).interval()
              : "the key already had a lifecycle";
    } catch (ActivityFailure failure) {
      action = "LIFECYCLE_NOT_STARTED";
      detail =
          "not started ("
              + reason(failure)
              + "); the weekly reconciliation enrols the key before it is due";
    }
    ceremony.record(now(), "keyward", action, detail);
  }

  @Override
  public GenerationState decide(Decision decision) {
    ceremony.apply(decision, now());
    Map<String, String> details = new HashMap<>();
    details.put("decision", decision.type().name());
    details.put("phase", ceremony.phase().name());
    if (decision.reason() != null) {
      details.put("reason", decision.reason());
    }
    audit.append("DECISION_" + decision.type().name(), decision.actor().id(), details);
    return ceremony.snapshot();
  }

  @Override
  public void validateDecide(Decision decision) {
    ceremony
        .refusalFor(decision)
        .ifPresent(
            message -> {
              throw new IllegalArgumentException(message);
            });
  }

  @Override
  public GenerationState state() {
    return ceremony.snapshot();
  }

  /** Opens a human step and waits for it; false when its deadline passed first. */
  private boolean awaitStep(GenerationPhase step, Supplier<Boolean> done) {
    Instant deadline = now().plus(request.stepTimeout());
    enter(step, deadline);
    return Workflow.await(request.stepTimeout(), done);
  }

  private void enter(GenerationPhase next, Instant deadline) {
    ceremony.moveTo(next, deadline);
    publishPhase();
    tellPeople();
  }

  private GenerationOutcome expire(String reason) {
    return finish(GenerationPhase.EXPIRED, reason);
  }

  private GenerationOutcome finish(GenerationPhase last, String reason) {
    ceremony.finish(last, reason);
    publishPhase();
    ceremony.record(now(), "keyward", last.name(), reason);
    tellPeople();
    Map<String, String> details = new HashMap<>();
    details.put("reason", reason);
    audit.append("GENERATION_" + last.name(), null, details);
    return new GenerationOutcome(last, ceremony.keyVersion(), reason);
  }

  /** Writes the step to the ticket and announces an open approval, without waiting for either. */
  private void tellPeople() {
    GenerationState state = ceremony.snapshot();
    GenerationTicketNotes.forState(state).ifPresent(note -> ticket.post(note.state(), note.text()));
    if (state.phase() == GenerationPhase.AWAITING_APPROVAL) {
      Notification waiting = approvalWaiting(state);
      Async.procedure(
          () -> {
            try {
              notifications.send(waiting);
            } catch (ActivityFailure failure) {
              Workflow.getLogger(KeyGenerationWorkflowImpl.class)
                  .warn("approval announcement for {} not delivered", waiting.subject());
            }
          });
    }
  }

  private Notification approvalWaiting(GenerationState state) {
    return new Notification(
        NotificationTopic.APPROVALS,
        Notification.Severity.INFO,
        Workflow.getInfo().getWorkflowId(),
        "Approval needed: " + request.classification() + " key " + request.key(),
        request.requester().id()
            + " requests a "
            + request.spec().describe()
            + " key"
            + (request.ticket() == null ? "" : " (" + request.ticket() + ")")
            + ". Quorum "
            + state.policy().quorumText()
            + " from "
            + new java.util.TreeSet<>(state.awaitingRoles())
            + ", due "
            + state.stepDeadline()
            + ".",
        null,
        NoticeAction.decisionOn(request.classification()));
  }

  private void publishPhase() {
    List<String> roles =
        ceremony.awaitingRoles().stream().map(Role::name).sorted().collect(Collectors.toList());
    Workflow.upsertTypedSearchAttributes(
        SearchAttributeUpdate.valueSet(KIND, "KeyGeneration"),
        SearchAttributeUpdate.valueSet(PHASE, ceremony.phase().name()),
        SearchAttributeUpdate.valueSet(KEY_NAME, request.key().toString()),
        SearchAttributeUpdate.valueSet(CLASSIFICATION, request.classification().name()),
        roles.isEmpty()
            ? SearchAttributeUpdate.valueUnset(AWAITING_ROLES)
            : SearchAttributeUpdate.valueSet(AWAITING_ROLES, roles));
    Workflow.upsertMemo(Map.of("summary", summary()));
  }

  private String summary() {
    return request.spec().describe()
        + " "
        + request.classification()
        + " key "
        + request.key()
        + " requested by "
        + request.requester().id()
        + ": "
        + ceremony.phase()
        + (ceremony.awaitingRoles().isEmpty() ? "" : ", waiting for " + ceremony.awaitingRoles());
  }

  private CreateKeyCommand createCommand() {
    Instant notBefore = now();
    int days =
        request.spec().validityDays() == null
            ? CryptoStandards.DEFAULT_VALIDITY_DAYS
            : request.spec().validityDays();
    KeyAttributes attributes =
        new KeyAttributes(
            request.spec().operations(),
            notBefore,
            notBefore.plus(Duration.ofDays(days)),
            false,
            GenerationTags.forRequest(request, Workflow.getInfo().getWorkflowId()));
    return new CreateKeyCommand(
        request.key(),
        request.spec(),
        PolicyMatrix.policyFor(request.classification()).protection(),
        attributes,
        Workflow.getInfo().getWorkflowId() + "/" + Workflow.getInfo().getRunId() + "/generate");
  }

  private static void refuseOutOfPolicy(GenerationRequest request) {
    List<PolicyViolation> violations =
        CryptoStandards.violations(request.spec(), request.classification());
    if (!violations.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the key spec breaks policy: " + violations, "PolicyViolation");
    }
    if (!request.requester().holdsAny(CeremonyRoles.REQUESTERS)) {
      throw ApplicationFailure.newNonRetryableFailure(
          request.requester().id()
              + " may not request keys; requesters hold one of "
              + CeremonyRoles.REQUESTERS,
          "PolicyViolation");
    }
  }

  private Map<String, String> requestDetails(ClassificationPolicy policy) {
    Map<String, String> details = new HashMap<>();
    details.put("key", request.key().toString());
    details.put("spec", request.spec().describe());
    details.put("classification", request.classification().name());
    details.put("quorum", policy.quorumText());
    if (request.ticket() != null) {
      details.put("ticket", request.ticket());
    }
    return details;
  }

  private static Map<String, String> versionDetails(KeyVersionInfo version) {
    Map<String, String> details = new HashMap<>();
    details.put("key", version.key().toString());
    details.put("version", version.version());
    details.put("provider", version.provider());
    details.put("enabled", Boolean.toString(version.enabled()));
    if (version.publicKeyFingerprint() != null) {
      details.put("publicKeySha256", version.publicKeyFingerprint());
    }
    return details;
  }

  private String protectionNote(KeyVersionInfo version) {
    var required = PolicyMatrix.policyFor(request.classification()).protection();
    return required.isSatisfiedBy(version.protection())
        ? "protection " + version.protection()
        : "protection "
            + version.protection()
            + " below the required "
            + required
            + ", allowed by the deployment's dev mode";
  }

  private static String reason(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        ? app.getType() + ": " + app.getOriginalMessage()
        : String.valueOf(failure.getCause());
  }

  private static List<String> appended(List<String> list, String item) {
    List<String> copy = new java.util.ArrayList<>(list);
    copy.add(item);
    return copy;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
