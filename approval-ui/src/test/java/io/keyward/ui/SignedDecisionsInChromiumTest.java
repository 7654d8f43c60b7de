package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.api.RunningKeyward;
import io.keyward.ui.testing.BrowserKeys;
import io.keyward.ui.testing.KeywardInChromium;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.classification.ClassificationChangeRequest;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.rotation.RotationRequest;
import io.keyward.workflows.webauthn.AssertionAudit;
import io.keyward.workflows.webauthn.AuditedAssertions;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.HeldCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Level 2 break-glass authorisations, ULTRA classification changes and the rotation of an ULTRA key
 * decided in a real headless Chromium with the WebDriver virtual authenticator: each approver's own
 * security key signs the decision on its page, the workflow verifies it, and the ways around it are
 * refused (the API without the browser's assertion, an assertion replayed from another session, a
 * cloned key).
 */
class SignedDecisionsInChromiumTest {
  private static final KeyRef PAYMENTS = new KeyRef("kv-signed", "payments-master");

  @RegisterExtension static final KeywardInChromium app = new KeywardInChromium();

  private static BrowserKeys keys;

  @BeforeAll
  static void enrolApprovers() {
    keys = new BrowserKeys(app);
    keys.bootstrapLead("lena");
    for (String person : List.of("carol", "tom", "oscar")) {
      keys.register(person);
      assertThat(keys.approveAsLead("lena", person)).startsWith("You approved security key");
    }
    // A key the provider holds as SECRET whose register entry says ULTRA: in scope, level 2.
    keyward().registeredKey(PAYMENTS.vault(), PAYMENTS.name(), "SECRET");
    keyward().registerKey(PAYMENTS, Classification.ULTRA, KeyUsage.APPLICATION, "alice");
  }

  @Test
  void authorisesALevelTwoBreakGlassSessionWithBothExecutivesOwnKeys() {
    String page = declare("INC-L2-1");
    app.signIn("carol");
    app.open(page);
    assertThat(app.text("level")).startsWith("L2");
    assertThat(app.text("security-key-note")).contains("your security key signs");

    assertThat(keys.decide("carol", page, "authorise-APPROVE", "authorise-reason", "bridge call"))
        .isEqualTo("You approved the access.");
    assertThat(keys.decide("tom", page, "authorise-APPROVE", "authorise-reason", null))
        .isEqualTo("You approved the access.");
    app.open(page);
    app.awaitPhase("ACTIVE");

    List<AuditEvent> approvals =
        keyward()
            .audit()
            .recordsFor(BreakGlassDeclaration.workflowId(new IncidentId("INC-L2-1")))
            .stream()
            .map(AuditRecord::event)
            .filter(e -> e.type().equals("BREAK_GLASS_APPROVE"))
            .toList();
    assertThat(approvals).extracting(AuditEvent::actor).containsExactly("carol", "tom");
    assertThat(approvals)
        .allSatisfy(e -> assertThat(e.details()).containsKey(AssertionAudit.SIGNATURE));
    assertThat(AuditedAssertions.verify(approvals, keyward().stores().credentials()::find))
        .as("verify-audit's check: both Chromium assertions verify again from the trail")
        .isEmpty();
  }

  @Test
  void refusesALevelTwoAuthorisationOverTheApiWithoutTheBrowsersAssertion() {
    declare("INC-L2-API");

    RunningKeyward.Reply reply =
        keyward()
            .post(
                "carol",
                "/api/break-glass/INC-L2-API/authorisations",
                "{\"decision\":\"APPROVE\",\"reason\":\"from a script\"}");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body().get("message").asText())
        .contains(
            "a level 2 or 3 break-glass authorisation must be signed by the decider's own security"
                + " key: "
                + HeldCredentials.WHERE_TO_DECIDE
                + ", /ui/break-glass/INC-L2-API");
    assertThat(keyward().get("audrey", "/api/break-glass/INC-L2-API").body().get("approvals"))
        .isEmpty();
  }

  @Test
  void refusesAnAuthorisationReplayedFromAnotherSession() {
    String target = declare("INC-L2-TARGET");
    declare("INC-L2-ELSEWHERE");
    app.signIn("carol");
    String workflowId = BreakGlassDeclaration.workflowId(new IncidentId("INC-L2-ELSEWHERE"));
    String runId = keyward().describe(workflowId).orElseThrow().getExecution().getRunId();
    String nonce = "nonce-" + System.nanoTime();
    Map<String, String> forElsewhere =
        new HashMap<>(
            keys.signChallenge(
                "carol",
                DecisionChallenge.of(
                    workflowId, runId, "APPROVE@AWAITING_AUTHORISATION", null, nonce),
                keys.credentialIdOf("carol")));
    forElsewhere.put("nonce", nonce);
    forElsewhere.put("decision", "APPROVE");

    assertThat(keys.post(target, "#authorise", target + "/authorisations", forElsewhere))
        .contains("the security key signed another decision");
    assertThat(keyward().get("audrey", "/api/break-glass/INC-L2-TARGET").body().get("approvals"))
        .isEmpty();
  }

  @Test
  void refusesAClonedKeyWhoseCounterDidNotRise() {
    String first = declare("INC-L2-FIRST");
    String second = declare("INC-L2-CLONE");
    var clone = keys.copyOf("tom");

    keys.decide("tom", first, "authorise-APPROVE", "authorise-reason", null);
    keys.replace("tom", clone);
    String refusal = keys.decide("tom", second, "authorise-APPROVE", "authorise-reason", null);

    assertThat(refusal).contains("signature counter did not increase");
    assertThat(keyward().get("audrey", "/api/break-glass/INC-L2-CLONE").body().get("approvals"))
        .isEmpty();
  }

  @Test
  void approvesAClassificationChangeToUltraWithTheApproversOwnKeys() {
    keyward().registeredKey("kv-class", "to-ultra", "SECRET");
    keyward()
        .api(
            "olivia",
            "POST",
            "/api/keys/kv-class/to-ultra/classification",
            "{\"classification\":\"ULTRA\",\"usage\":\"APPLICATION\","
                + "\"justification\":\"signs the settlement files\"}");
    keyward()
        .apiUntil(
            "olivia",
            "/api/keys/kv-class/to-ultra/classification",
            s -> s.get("phase").asText().equals("AWAITING_APPROVAL"));
    String page = "/ui/classifications/kv-class/to-ultra";
    RunningKeyward.Reply unsigned =
        keyward()
            .post(
                "oscar",
                "/api/keys/kv-class/to-ultra/classification/decisions",
                "{\"decision\":\"APPROVE\"}");
    assertThat(unsigned.status()).isEqualTo(409);
    assertThat(unsigned.body().get("message").asText()).contains(HeldCredentials.WHERE_TO_DECIDE);

    for (String approver : List.of("oscar", "carol", "tom")) {
      assertThat(keys.decide(approver, page, "decide-APPROVE", "reason", "inventory checked"))
          .isEqualTo("You approved the classification change.");
    }
    app.open(page);
    app.awaitPhase("RECORDED");

    List<AuditEvent> decisions =
        keyward()
            .audit()
            .recordsFor(ClassificationChangeRequest.workflowId(new KeyRef("kv-class", "to-ultra")))
            .stream()
            .map(AuditRecord::event)
            .filter(e -> e.type().equals("CLASSIFICATION_DECISION_APPROVE"))
            .toList();
    assertThat(decisions).extracting(AuditEvent::actor).containsExactly("oscar", "carol", "tom");
    assertThat(AuditedAssertions.verify(decisions, keyward().stores().credentials()::find))
        .isEmpty();
    assertThat(
            keyward()
                .register()
                .find(new KeyRef("kv-class", "to-ultra"))
                .orElseThrow()
                .classification())
        .isEqualTo(Classification.ULTRA);
  }

  @Test
  void reviewsAndApprovesTheRotationOfAnUltraKeyWithTheDecidersOwnKeys() {
    KeyRef key = new KeyRef("kv-signed-rot", "settlement-signing");
    keyward().registeredKey(key.vault(), key.name(), "SECRET");
    keyward().registerKey(key, Classification.ULTRA, KeyUsage.APPLICATION, "alice");
    String api = "/api/rotations/kv-signed-rot/settlement-signing";
    keyward()
        .api(
            "olivia",
            "POST",
            "/api/rotations",
            "{\"vault\":\"kv-signed-rot\",\"name\":\"settlement-signing\",\"rotationDate\":\""
                + Instant.now().plus(Duration.ofDays(2))
                + "\",\"justification\":\"yearly rotation of the settlement key\"}");
    keyward()
        .apiUntil("olivia", api, s -> s.get("phase").asText().equals("AWAITING_SECURITY_REVIEW"));
    String page = "/ui/rotations/kv-signed-rot/settlement-signing";
    RunningKeyward.Reply unsigned =
        keyward().post("lena", api + "/decisions", "{\"decision\":\"APPROVE_REVIEW\"}");
    assertThat(unsigned.status()).isEqualTo(409);
    assertThat(unsigned.body().get("message").asText())
        .contains(HeldCredentials.WHERE_TO_DECIDE + ", " + page);

    app.signIn("lena");
    app.open(page);
    assertThat(app.text("security-key-note")).contains("your security key signs");
    assertThat(keys.decide("lena", page, "decide-APPROVE_REVIEW", "reason", "checks are green"))
        .isEqualTo("You approved the security review.");
    keyward()
        .apiUntil("olivia", api, s -> s.get("phase").asText().equals("WAITING_FOR_ROTATION_DATE"));
    // T moves to a few seconds from now, so the approvals open without waiting two days.
    keyward()
        .api(
            "olivia",
            "POST",
            api + "/reschedule",
            "{\"rotationDate\":\""
                + Instant.now().plus(Duration.ofSeconds(3))
                + "\",\"reason\":\"change window moved up\"}");
    keyward().apiUntil("olivia", api, s -> s.get("phase").asText().equals("AWAITING_APPROVAL"));
    assertThat(keys.decide("oscar", page, "decide-APPROVE", "reason", null))
        .isEqualTo("You approved the rotation.");
    // A reason of two lines typed with spaces around it: the form sends its line break as CRLF and
    // the workflow gets it stripped; the challenge is made over the same text.
    assertThat(
            keys.decide(
                "carol",
                page,
                "decide-APPROVE",
                "reason",
                " CHG0042 approved\nby the change board  "))
        .isEqualTo("You approved the rotation.");
    app.open(page);
    app.awaitPhase("AWAITING_EXECUTION");

    List<AuditEvent> decisions =
        keyward().audit().recordsFor(RotationRequest.workflowId(key)).stream()
            .map(AuditRecord::event)
            .filter(e -> e.type().startsWith("ROTATION_DECISION_"))
            .toList();
    assertThat(decisions).extracting(AuditEvent::actor).containsExactly("lena", "oscar", "carol");
    assertThat(decisions)
        .allSatisfy(e -> assertThat(e.details()).containsKey(AssertionAudit.SIGNATURE));
    assertThat(AuditedAssertions.verify(decisions, keyward().stores().credentials()::find))
        .as("verify-audit's check: the three Chromium assertions verify again from the trail")
        .isEmpty();
  }

  /** Sol declares a break-glass session over the payments key for bruno; answers its page. */
  private static String declare(String incident) {
    keyward()
        .api(
            "sol",
            "POST",
            "/api/break-glass",
            "{\"incident\":\""
                + incident
                + "\",\"keys\":[\""
                + PAYMENTS
                + "\"],\"reason\":\"payments cannot sign\",\"admin\":\"bruno\"}");
    keyward()
        .apiUntil(
            "audrey",
            "/api/break-glass/" + incident,
            s -> s.get("phase").asText().equals("AWAITING_AUTHORISATION"));
    return "/ui/break-glass/" + incident;
  }

  private static RunningKeyward keyward() {
    return app.keyward();
  }
}
