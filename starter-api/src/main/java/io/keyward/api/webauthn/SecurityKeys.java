package io.keyward.api.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import io.keyward.api.errors.ConflictException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.api.refusal.Refusals;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.credential.CredentialEnrolment;
import io.keyward.workflows.credential.CredentialEnrolmentStartOptions;
import io.keyward.workflows.credential.CredentialEnrolmentWorkflow;
import io.keyward.workflows.credential.EnrolmentDecision;
import io.keyward.workflows.credential.EnrolmentDecisionType;
import io.keyward.workflows.credential.EnrolmentPhase;
import io.keyward.workflows.credential.EnrolmentRequest;
import io.keyward.workflows.credential.EnrolmentState;
import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.CredentialStore;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.HeldCredentials;
import io.keyward.workflows.webauthn.PersonCredential;
import io.keyward.workflows.webauthn.WebAuthnChallenges;
import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * People's security keys (WebAuthn credentials), for every surface: registration (the attestation
 * verified with webauthn4j against the relying party and a one-time challenge, stored PENDING, its
 * enrolment ceremony started), a lead's decision on it, revocation (immediate, audited), and the
 * challenge of a signed decision (ULTRA steps, level 2 and 3 break-glass, ULTRA classification
 * changes, a lead's approval of a key) for a person's key to sign. The workflow verifies the
 * assertion; nothing here is trusted to.
 */
public final class SecurityKeys {
  /** Where people register and manage their keys. */
  public static final String PAGE = "/ui/security-keys";

  private static final ObjectConverter CONVERTER = new ObjectConverter();
  private static final WebAuthnManager WEBAUTHN =
      WebAuthnManager.createNonStrictWebAuthnManager(CONVERTER);
  private static final List<PublicKeyCredentialParameters> ALGORITHMS =
      List.of(
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WorkflowClient client;
  private final String taskQueue;
  private final CredentialStore store;
  private final AuditStore audit;
  private final Refusals refusals;
  private final RelyingParty relyingParty;
  private final RegistrationChallenges challenges;
  private final Clock clock;

  public SecurityKeys(
      WorkflowClient client,
      String taskQueue,
      CredentialStore store,
      WebAuthnChallenges challenges,
      AuditStore audit,
      Refusals refusals,
      RelyingParty relyingParty,
      Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.store = store;
    this.audit = audit;
    this.refusals = refusals;
    this.relyingParty = relyingParty;
    this.challenges = new RegistrationChallenges(challenges, clock);
    this.clock = clock;
  }

  public RelyingParty relyingParty() {
    return relyingParty;
  }

  /** Begins a registration: a one-time challenge for {@code person}'s authenticator. */
  public RegistrationOptions registrationOptions(Actor person) {
    byte[] challenge = challenges.issue(person.id());
    return new RegistrationOptions(
        RegistrationChallenges.base64url(challenge),
        relyingParty.rpId(),
        RegistrationChallenges.base64url(person.id().getBytes(StandardCharsets.UTF_8)),
        person.id(),
        store.ofPerson(person.id()).stream()
            .filter(c -> c.state() != CredentialState.REVOKED)
            .map(PersonCredential::credentialId)
            .toList());
  }

  /**
   * Finishes a registration: verifies the attestation (origin, RP id, this person's open challenge,
   * user presence and verification), stores the credential PENDING and starts its enrolment, which
   * a security team lead decides. A 400 says what did not verify; nothing is stored then.
   */
  public SecurityKeyView register(Actor person, RegistrationBody body) {
    if (body == null || blank(body.clientDataJson()) || blank(body.attestationObject())) {
      throw new IllegalArgumentException(
          "clientDataJson and attestationObject are required, base64url, as the browser gave them");
    }
    byte[] challenge =
        challenges
            .take(person.id())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no registration was begun in the last five minutes: begin again"));
    RegistrationData data;
    try {
      ServerProperty server =
          ServerProperty.builder()
              .originPredicate(origin -> relyingParty.accepts(origin.toString()))
              .rpId(relyingParty.rpId())
              .challenge(new DefaultChallenge(challenge))
              .build();
      data =
          WEBAUTHN.verify(
              new RegistrationRequest(
                  decode(body.attestationObject()), decode(body.clientDataJson())),
              new RegistrationParameters(server, ALGORITHMS, true, true));
    } catch (VerificationException | DataConversionException e) {
      throw new IllegalArgumentException(
          "the security key's registration does not verify: " + e.getMessage(), e);
    } catch (RuntimeException malformed) {
      // What the browser sent could not even be read (webauthn4j's parser refuses it).
      throw new IllegalArgumentException(
          "the security key's registration does not verify: it cannot be read ("
              + malformed.getClass().getSimpleName()
              + ")",
          malformed);
    }
    AttestedCredentialData attested =
        data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
    PersonCredential pending =
        PersonCredential.pending(
            person.id(),
            RegistrationChallenges.base64url(attested.getCredentialId()),
            RegistrationChallenges.base64url(
                CONVERTER.getCborMapper().writeValueAsBytes(attested.getCOSEKey())),
            data.getAttestationObject().getAuthenticatorData().getSignCount(),
            relyingParty.rpId(),
            data.getCollectedClientData().getOrigin().toString(),
            clock.instant());
    store.register(pending);
    EnrolmentRequest request = new EnrolmentRequest(person, pending.credentialId(), null);
    CredentialEnrolmentWorkflow enrolment =
        client.newWorkflowStub(
            CredentialEnrolmentWorkflow.class,
            CredentialEnrolmentStartOptions.of(request, taskQueue));
    WorkflowClient.start(enrolment::run, request);
    return SecurityKeyView.of(pending);
  }

  /** {@code who}'s own keys, and for a security team lead every key waiting for a lead. */
  public List<SecurityKeyView> visibleTo(Actor who) {
    List<SecurityKeyView> keys = new ArrayList<>();
    store.ofPerson(who.id()).forEach(c -> keys.add(SecurityKeyView.of(c)));
    if (who.holdsAny(CredentialEnrolment.APPROVERS)) {
      store.inState(CredentialState.PENDING).stream()
          .filter(c -> !c.personId().equals(who.id()))
          .forEach(c -> keys.add(SecurityKeyView.of(c)));
    }
    return keys;
  }

  /** A lead's decision on a key waiting for enrolment; the ceremony's refusal is a 409. */
  public EnrolmentState decide(String credentialId, EnrolmentDecision decision) {
    find(credentialId);
    String subject = EnrolmentRequest.workflowId(credentialId);
    return refusals.send(
        subject,
        decision.actor(),
        decision.type().name(),
        () -> client.newWorkflowStub(CredentialEnrolmentWorkflow.class, subject).decide(decision),
        () -> "this enrolment is closed",
        Optional::empty);
  }

  /**
   * Revokes a key at once, by its person or a security team lead; audited. From this moment no
   * ceremony accepts a decision it signs.
   */
  public SecurityKeyView revoke(Actor who, String credentialId) {
    PersonCredential credential = find(credentialId);
    if (!credential.personId().equals(who.id()) && !who.holdsAny(CredentialEnrolment.APPROVERS)) {
      throw refusals.forbidden(
          subject(credentialId),
          who.id(),
          "REVOKE",
          "only the key's person or a security team lead may revoke it");
    }
    if (!store.revoke(credentialId, who.id(), clock.instant())) {
      throw new ConflictException("security key " + shortId(credentialId) + " is already revoked");
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("person", credential.personId());
    details.put("credentialId", credentialId);
    audit.append(
        new AuditEvent(
            UUID.randomUUID().toString(),
            subject(credentialId),
            "CREDENTIAL_REVOKED",
            who.id(),
            clock.instant(),
            details));
    return SecurityKeyView.of(find(credentialId));
  }

  /**
   * The challenge {@code who}'s key signs for a decision at {@code step} of the running {@code
   * workflowId}, with a fresh nonce; refused (409) when {@code who} has no approved key.
   */
  public AssertionRequest assertionRequest(
      Actor who, String workflowId, String step, String reason) {
    List<String> allowed =
        store.ofPerson(who.id()).stream()
            .filter(c -> c.state() == CredentialState.ACTIVE)
            .map(PersonCredential::credentialId)
            .toList();
    if (allowed.isEmpty()) {
      throw new ConflictException(
          who.id()
              + " has no approved security key: register one at "
              + PAGE
              + " and have a security team lead approve it, then "
              + HeldCredentials.WHERE_TO_DECIDE);
    }
    String runId = client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String nonceText = RegistrationChallenges.base64url(nonce);
    return new AssertionRequest(
        DecisionChallenge.of(workflowId, runId, step, reason, nonceText),
        nonceText,
        relyingParty.rpId(),
        allowed);
  }

  /**
   * The challenge {@code lead}'s own key signs to decide on the enrolment of the key {@code
   * credentialId}; a 404 for an unknown key, a 409 when the lead has no approved key.
   */
  public AssertionRequest enrolmentAssertionRequest(
      Actor lead, String credentialId, EnrolmentDecisionType type, String reason) {
    find(credentialId);
    return assertionRequest(
        lead,
        EnrolmentRequest.workflowId(credentialId),
        DecisionChallenge.step(type.name(), EnrolmentPhase.AWAITING_APPROVAL.name()),
        reason);
  }

  private PersonCredential find(String credentialId) {
    return store
        .find(credentialId)
        .orElseThrow(() -> new NotFoundException("no security key " + shortId(credentialId)));
  }

  private static String subject(String credentialId) {
    return "security-key/" + credentialId;
  }

  private static String shortId(String credentialId) {
    return HeldCredentials.shortId(credentialId);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static byte[] decode(String base64url) {
    try {
      return Base64.getUrlDecoder().decode(base64url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64url: " + e.getMessage(), e);
    }
  }
}
