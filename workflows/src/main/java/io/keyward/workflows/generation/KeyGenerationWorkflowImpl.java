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
import io.keyward.workflows.policy.CeremonyRoles;
import io.keyward.workflows.policy.ClassificationPolicy;
import io.keyward.workflows.policy.CryptoStandards;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.policy.PolicyViolation;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Runbook 3.3 as a workflow; the rules of who may decide live in {@link GenerationCeremony}. */
public class KeyGenerationWorkflowImpl implements KeyGenerationWorkflow {
  private final KeyProviderActivities keys =
      Workflow.newActivityStub(KeyProviderActivities.class, CeremonyActivityOptions.KEY_OPERATIONS);
  private final CeremonyAudit audit = new CeremonyAudit();
  private final GenerationCeremony ceremony;
  private final GenerationRequest request;

  /** Builds the state before any Update is delivered, so the first decision finds it. */
  @WorkflowInit
  public KeyGenerationWorkflowImpl(GenerationRequest request) {
    this.request = request;
    this.ceremony =
        new GenerationCeremony(request, PolicyMatrix.policyFor(request.classification()));
  }

  @Override
  public GenerationOutcome run(GenerationRequest request) {
    ClassificationPolicy policy = PolicyMatrix.policyFor(request.classification());
    refuseOutOfPolicy(request);
    audit.append("GENERATION_REQUESTED", request.requester().id(), requestDetails(policy));
    ceremony.record(now(), request.requester().id(), "REQUESTED", request.justification());

    GenerationOutcome outcome = ceremonyOutcome();
    Workflow.await(Workflow::isEveryHandlerFinished);
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
    return finish(GenerationPhase.REGISTERED, "registered in the key register");
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
  }

  private GenerationOutcome expire(String reason) {
    return finish(GenerationPhase.EXPIRED, reason);
  }

  private GenerationOutcome finish(GenerationPhase last, String reason) {
    ceremony.finish(last, reason);
    publishPhase();
    ceremony.record(now(), "keyward", last.name(), reason);
    Map<String, String> details = new HashMap<>();
    details.put("reason", reason);
    audit.append("GENERATION_" + last.name(), null, details);
    return new GenerationOutcome(last, ceremony.keyVersion(), reason);
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
