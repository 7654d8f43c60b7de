package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.directory.YamlDirectory;
import io.keyward.api.RunningKeyward;
import io.keyward.api.webauthn.SecurityKeyBootstrap;
import io.keyward.ui.testing.BrowserKeys;
import io.keyward.ui.testing.Chromium;
import io.keyward.ui.testing.KeywardInChromium;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.credential.EnrolmentRequest;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.webauthn.AssertionAudit;
import io.keyward.workflows.webauthn.AuditedAssertions;
import io.keyward.workflows.webauthn.DecisionChallenge;
import io.keyward.workflows.webauthn.HeldCredentials;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Decisions signed by the decider's own security key, in a real headless Chromium with the
 * WebDriver virtual authenticator against the running application: the first lead's key is
 * bootstrapped by an operator, the lead approves everyone else's key with it, an ULTRA generation
 * is decided end to end with every decision signed, and each way around it is refused (no key, a
 * pending or revoked key, an assertion from another ceremony, a cloned key, the API without the
 * browser, a lead's approval without the lead's key, a second bootstrap).
 */
class SecurityKeysInChromiumTest {
  private static final List<String> DECIDERS = List.of("carol", "tom", "erin", "kim", "kai", "sam");

  @RegisterExtension static final KeywardInChromium app = new KeywardInChromium();

  private static BrowserKeys keys;
  private static boolean enrolled;

  @Test
  void enrolsKeysWithALeadsSignedApprovalAndDecidesAnUltraGenerationWithEveryDecisionSigned() {
    enrolDeciders();
    String page = requestUltra("root-ca");

    for (String approver : List.of("carol", "tom", "erin")) {
      keys.decide(approver, page, "decide-APPROVE", "reason", "ceremony attended in person");
    }
    keyward().awaitPhase("kv-ultra", "root-ca", "AWAITING_GENERATION");
    keys.decide("kim", page, "decide-GENERATE", "reason", null);
    keyward().awaitPhase("kv-ultra", "root-ca", "AWAITING_VERIFICATION");
    keys.decide("kai", page, "decide-VERIFY", "reason", "attributes match");
    keyward().awaitPhase("kv-ultra", "root-ca", "AWAITING_REGISTRATION");
    keys.decide("sam", page, "decide-REGISTER", "reason", null);
    keyward().awaitPhase("kv-ultra", "root-ca", "REGISTERED");

    List<AuditRecord> decisions =
        keyward().audit().recordsFor(GenerationRequest.workflowId(key("root-ca"))).stream()
            .filter(r -> r.event().type().startsWith("DECISION_"))
            .toList();
    assertThat(decisions)
        .extracting(r -> r.event().actor())
        .containsExactly("carol", "tom", "erin", "kim", "kai", "sam");
    assertThat(decisions)
        .allSatisfy(
            r ->
                assertThat(r.event().details())
                    .containsKeys(
                        AssertionAudit.CREDENTIAL_ID,
                        AssertionAudit.CLIENT_DATA,
                        AssertionAudit.AUTHENTICATOR_DATA,
                        AssertionAudit.SIGNATURE,
                        AssertionAudit.NONCE));
    List<AuditEvent> events = decisions.stream().map(AuditRecord::event).toList();
    assertThat(AuditedAssertions.verify(events, keyward().stores().credentials()::find))
        .as("verify-audit's check: every Chromium assertion verifies again from the trail")
        .isEmpty();
  }

  @Test
  void aLeadsApprovalOfAKeyIsSignedByTheLeadsOwnKeyAndVerifiesAgainFromTheTrail() {
    enrolDeciders();

    for (String person : DECIDERS) {
      List<AuditEvent> enrolment =
          keyward().audit().recordsFor(EnrolmentRequest.workflowId(keyIdOf(person))).stream()
              .map(AuditRecord::event)
              .toList();
      assertThat(AuditedAssertions.signed(enrolment))
          .as(person + "'s key was approved by lena's key")
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo("CREDENTIAL_ACTIVATED");
                assertThat(e.actor()).isEqualTo("lena");
              });
      assertThat(AuditedAssertions.verify(enrolment, keyward().stores().credentials()::find))
          .isEmpty();
    }
  }

  @Test
  void refusesALeadsApprovalWithoutTheLeadsKeyAndABootstrapOfSomeoneNotALead() {
    enrolDeciders();
    keys.register("tara");
    String taras = keys.credentialIdOf("tara");

    RunningKeyward.Reply overApi =
        keyward()
            .post(
                "lena", "/api/security-keys/" + taras + "/decisions", "{\"decision\":\"APPROVE\"}");

    assertThat(overApi.status()).isEqualTo(409);
    assertThat(overApi.body().get("message").asText())
        .contains(
            "a security team lead's approval of a security key must be signed by the decider's own"
                + " security key: "
                + HeldCredentials.WHERE_TO_DECIDE
                + ", /ui/security-keys");
    assertThatThrownBy(
            () ->
                new SecurityKeyBootstrap(
                        keyward().stores().credentials(),
                        YamlDirectory.demo(),
                        keyward().audit(),
                        Clock.systemUTC())
                    .bootstrap(taras, "ops-on-call"))
        .isInstanceOf(SecurityKeyBootstrap.RefusedException.class)
        .hasMessageContaining("tara is not a security team lead");
    app.signIn("tara");
    app.open("/ui/security-keys");
    assertThat(keys.stateOfMyKey()).isEqualTo("PENDING");
  }

  @Test
  void refusesAnUltraDecisionOverTheApiWithoutTheBrowsersAssertion() {
    enrolDeciders();
    requestUltra("api-only");
    awaitStepOpen("api-only");

    RunningKeyward.Reply reply =
        keyward()
            .post(
                "carol",
                "/api/generations/kv-ultra/api-only/decisions",
                "{\"decision\":\"APPROVE\"}");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body().get("message").asText()).contains(HeldCredentials.WHERE_TO_DECIDE);
    assertThat(keyward().generation("kv-ultra", "api-only").get("approvers")).isEmpty();
  }

  @Test
  void refusesAPendingKeyUntilALeadApprovesIt() {
    enrolDeciders();
    String page = requestUltra("pending");
    awaitStepOpen("pending");
    keys.register("oscar");

    app.open(page);
    app.browser().findElement(By.id("decide-APPROVE")).click();

    assertThat(app.text("assertion-error")).contains("oscar has no approved security key");
    String credentialId = keys.credentialIdOf("oscar");
    Map<String, String> forged =
        signOwnChallenge("oscar", "pending", "APPROVE@AWAITING_APPROVAL", credentialId);
    assertThat(postDecision(page, "APPROVE", forged))
        .contains("is not an enrolled, approved and unrevoked credential");
    assertThat(keyward().generation("kv-ultra", "pending").get("approvers")).isEmpty();
  }

  @Test
  void refusesAnAssertionReplayedFromAnotherCeremony() {
    enrolDeciders();
    String target = requestUltra("target");
    requestUltra("elsewhere");
    awaitStepOpen("target");
    awaitStepOpen("elsewhere");
    app.signIn("carol");

    Map<String, String> forElsewhere =
        signOwnChallenge(
            "carol", "elsewhere", "APPROVE@AWAITING_APPROVAL", keys.credentialIdOf("carol"));

    assertThat(postDecision(target, "APPROVE", forElsewhere))
        .contains("the security key signed another decision");
    assertThat(keyward().generation("kv-ultra", "target").get("approvers")).isEmpty();
  }

  @Test
  void refusesAClonedKeyWhoseCounterDidNotRise() {
    enrolDeciders();
    String first = requestUltra("first");
    String second = requestUltra("second");
    awaitStepOpen("first");
    awaitStepOpen("second");
    var clone = keys.copyOf("tom");

    keys.decide("tom", first, "decide-APPROVE", "reason", null);
    keys.replace("tom", clone);
    String refusal = keys.decide("tom", second, "decide-APPROVE", "reason", null);

    assertThat(refusal).contains("signature counter did not increase");
    assertThat(keyward().generation("kv-ultra", "second").get("approvers")).isEmpty();
  }

  @Test
  void refusesARevokedKeyAtOnce() {
    enrolDeciders();
    String page = requestUltra("revoked");
    awaitStepOpen("revoked");
    app.signIn("erin");
    String credentialId = keys.credentialIdOf("erin");
    Map<String, String> signedBefore =
        signOwnChallenge("erin", "revoked", "APPROVE@AWAITING_APPROVAL", credentialId);
    app.open("/ui/security-keys");
    Chromium.clickAndAwaitNewPage(
        app.browser(), app.browser().findElement(By.cssSelector("button.revoke")));
    assertThat(app.text("notice")).contains("revoked");
    assertThat(keys.stateOfMyKey()).isEqualTo("REVOKED");

    assertThat(postDecision(page, "APPROVE", signedBefore))
        .contains("is not an enrolled, approved and unrevoked credential");
    assertThat(keyward().generation("kv-ultra", "revoked").get("approvers")).isEmpty();
    enrolled = false;
    keys.forget("erin");
  }

  /**
   * Bootstraps lena's key once, then registers a key for every decider of the scenario and has lena
   * approve each with her key.
   */
  private static void enrolDeciders() {
    if (keys == null) {
      keys = new BrowserKeys(app);
      keys.bootstrapLead("lena");
    }
    if (enrolled) {
      return;
    }
    for (String person : DECIDERS) {
      if (!keys.has(person)) {
        keys.register(person);
        assertThat(keys.approveAsLead("lena", person)).startsWith("You approved security key");
      }
    }
    for (String person : DECIDERS) {
      app.signIn(person);
      app.open("/ui/security-keys");
      assertThat(keys.stateOfMyKey()).as(person + "'s key").isEqualTo("ACTIVE");
    }
    enrolled = true;
  }

  /**
   * Makes {@code person}'s key sign the challenge of a decision on {@code name} at {@code step},
   * computed here as a client of its own would: what a person or program bypassing the page's own
   * request would send.
   */
  private static Map<String, String> signOwnChallenge(
      String person, String name, String step, String credentialId) {
    String workflowId = GenerationRequest.workflowId(key(name));
    String runId = keyward().describe(workflowId).orElseThrow().getExecution().getRunId();
    String nonce = "nonce-" + name + "-" + System.nanoTime();
    String challenge = DecisionChallenge.of(workflowId, runId, step, null, nonce);
    Map<String, String> fields =
        new java.util.HashMap<>(keys.signChallenge(person, challenge, credentialId));
    fields.put("nonce", nonce);
    return fields;
  }

  private static String postDecision(String page, String decision, Map<String, String> fields) {
    Map<String, String> form = new java.util.HashMap<>(fields);
    form.put("decision", decision);
    return keys.post(page, "#decide", page + "/decisions", form);
  }

  /** Alice requests an ULTRA key (EC P-521, as runbook 3.1 requires); answers its page. */
  private static String requestUltra(String name) {
    keyward()
        .api(
            "alice",
            "POST",
            "/api/generations",
            "{\"vault\":\"kv-ultra\",\"name\":\""
                + name
                + "\",\"classification\":\"ULTRA\",\"spec\":{\"type\":\"EC\",\"curve\":\"P_521\","
                + "\"operations\":[\"SIGN\",\"VERIFY\"]},\"justification\":\"root CA "
                + name
                + "\"}");
    return "/ui/generations/kv-ultra/" + name;
  }

  private static String keyIdOf(String person) {
    return keys.credentialIdOf(person);
  }

  private static void awaitStepOpen(String name) {
    keyward()
        .apiUntil(
            "alice",
            "/api/generations/kv-ultra/" + name,
            state -> state.hasNonNull("stepDeadline"));
  }

  private static KeyRef key(String name) {
    return new KeyRef("kv-ultra", name);
  }

  private static RunningKeyward keyward() {
    return app.keyward();
  }
}
