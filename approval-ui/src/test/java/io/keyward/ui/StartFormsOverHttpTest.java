package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.api.RunningKeyward;
import io.keyward.ui.testing.PageClient;
import io.keyward.ui.testing.PageClient.Page;
import io.keyward.workflows.incident.Severity;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.temporal.client.WorkflowNotFoundException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forms that start ceremonies, over plain HTTP against the running application: each form
 * starts its ceremony through the API's own service with the signed-in person as the requester, is
 * refused in the service's words with the API's status when the input is wrong, keeps what the
 * person typed (escaped), and starts nothing without the session's CSRF token.
 */
class StartFormsOverHttpTest {
  @TempDir static Path data;

  private static RunningKeyward keyward;

  @BeforeAll
  static void start() throws Exception {
    keyward = RunningKeyward.start(data);
  }

  @AfterAll
  static void stop() {
    keyward.close();
  }

  @Test
  void showsEachFormToEverySignedInPersonWithChoicesFromThePolicyModel() {
    PageClient bob = signedIn("bob");

    String key = bob.get("/ui/generations/new").body();
    String rotation = bob.get("/ui/rotations/new").body();
    String breakGlass = bob.get("/ui/break-glass/new").body();
    String compromise = bob.get("/ui/incidents/new").body();

    for (Classification level : Classification.values()) {
      assertThat(key).contains("<option value=\"" + level + "\"");
    }
    assertThat(rotation)
        .as("who approves a rotation follows from the key register, not from the form")
        .doesNotContain("name=\"usage\"");
    for (Severity severity : Severity.values()) {
      assertThat(compromise).contains("<option value=\"" + severity + "\"");
    }
    assertThat(key).contains("name=\"operations\" value=\"WRAP_KEY\"", "value=\"P_521\"");
    assertThat(breakGlass)
        .contains("<option value=\"bruno\">Bruno Break-Glass (bruno)</option>")
        .contains("CISO + CTO (an ULTRA key is in scope)");
    for (String page : new String[] {key, rotation, breakGlass, compromise}) {
      assertThat(page).contains("name=\"csrf\" value=\"");
    }
    assertThat(key).contains("aria-current=\"page\">Request a key</a>");
    assertThat(compromise).contains("aria-current=\"page\">Report a compromise</a>");
    assertThat(bob.get("/ui/inbox").body())
        .contains("href=\"/ui/generations/new\">Request a key</a>")
        .contains("href=\"/ui/rotations/new\">Plan a rotation</a>")
        .contains("href=\"/ui/break-glass/new\">Declare break-glass</a>")
        .contains("href=\"/ui/incidents/new\">Report a compromise</a>");
    assertThat(bob.get("/ui/keys").body()).contains("id=\"request-key\"");
  }

  @Test
  void fillsInTheKeyWhenAFormIsOpenedFromAKeysPage() {
    PageClient sol = signedIn("sol");

    String rotation = sol.get("/ui/rotations/new?vault=kv-forms&name=app-key").body();
    String report = sol.get("/ui/incidents/new?vault=%3Cb%3Ekv&name=leaked").body();

    assertThat(rotation)
        .contains("name=\"vault\" value=\"kv-forms\"")
        .contains("name=\"name\" value=\"app-key\"");
    assertThat(report)
        .contains("name=\"vault\" value=\"&lt;b&gt;kv\"")
        .contains("<option value=\"P1\" selected>")
        .doesNotContain("<b>kv");
  }

  @Test
  void requestsAKeyAsTheSignedInPersonAndOpensItsRequestPage() {
    PageClient alice = signedIn("alice");
    Map<String, String> form = keyRequest(alice, "kv-forms", "orders-signing");
    form.put("requester", "olivia");
    List<Map.Entry<String, String>> fields = new ArrayList<>(form.entrySet());
    fields.add(Map.entry("operations", "VERIFY"));

    Page sent = alice.post("/ui/generations/new", fields);

    assertThat(sent.status()).isEqualTo(303);
    assertThat(sent.header("Location")).endsWith("/ui/generations/kv-forms/orders-signing");
    JsonNode request = keyward.generation("kv-forms", "orders-signing").get("request");
    assertThat(request.get("requester").get("id").asText()).isEqualTo("alice");
    assertThat(request.get("classification").asText()).isEqualTo("SECRET");
    assertThat(request.get("justification").asText()).isEqualTo("orders are signed, CHG0042");
    assertThat(request.get("ticket").asText()).isEqualTo("CHG0042");
    JsonNode spec = request.get("spec");
    assertThat(spec.get("type").asText()).isEqualTo("EC");
    assertThat(spec.get("curve").asText()).isEqualTo("P_384");
    assertThat(spec.get("validityDays").asInt()).isEqualTo(180);
    assertThat(spec.get("tags").get(KeyUsage.TAG).asText()).isEqualTo("TLS_CERTIFICATE");
    assertThat(spec.get("operations"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("SIGN", "VERIFY");
    String page = alice.get("/ui/generations/kv-forms/orders-signing").body();
    assertThat(page).contains("Your request for kv-forms/orders-signing was sent.");
    assertThat(page).contains("<dd id=\"requester\">alice</dd>");
  }

  @Test
  void plansARotationAsTheSignedInPersonAndOpensItsPage() {
    PageClient alice = signedIn("alice");
    String t = LocalDate.now(ZoneOffset.UTC).plusDays(40).toString();

    Page sent = alice.post("/ui/rotations/new", rotationPlan(alice, "kv-forms", "app-key", t));

    assertThat(sent.status()).isEqualTo(303);
    assertThat(sent.header("Location")).endsWith("/ui/rotations/kv-forms/app-key");
    JsonNode request =
        keyward.api("audrey", "GET", "/api/rotations/kv-forms/app-key", null).get("request");
    assertThat(request.get("requester").get("id").asText()).isEqualTo("alice");
    assertThat(Instant.parse(request.get("rotationDate").asText()))
        .isEqualTo(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(request.get("justification").asText()).isEqualTo("yearly rotation");
    assertThat(alice.get(sent.header("Location")).body())
        .contains("Your rotation plan for kv-forms/app-key was sent.");
  }

  @Test
  void declaresBreakGlassAsTheSignedInPersonForTheChosenAdmin() {
    PageClient sol = signedIn("sol");

    Page sent = sol.post("/ui/break-glass/new", declaration(sol, "INC-FORM-1"));

    assertThat(sent.status()).isEqualTo(303);
    assertThat(sent.header("Location")).endsWith("/ui/break-glass/INC-FORM-1");
    JsonNode declaration =
        keyward.api("audrey", "GET", "/api/break-glass/INC-FORM-1", null).get("declaration");
    assertThat(declaration.get("declarer").get("id").asText()).isEqualTo("sol");
    assertThat(declaration.get("admin").get("id").asText()).isEqualTo("bruno");
    assertThat(declaration.get("reason").asText()).isEqualTo("orders database unreadable");
    assertThat(declaration.get("scope").get("keys"))
        .extracting(k -> k.get("vault").asText() + "/" + k.get("name").asText())
        .containsExactly("kv-forms/orders-db", "kv-forms/orders-cache");
    assertThat(sol.get(sent.header("Location")).body())
        .contains("Your break-glass declaration for INC-FORM-1 was sent.");
  }

  @Test
  void reportsACompromiseAsTheSignedInPersonAndOpensTheIncident() {
    keyward.registeredKey("kv-forms", "leaked", "CONFIDENTIAL");
    PageClient sol = signedIn("sol");

    Page sent = sol.post("/ui/incidents/new", compromiseReport(sol, "INC-FORM-2", "leaked"));

    assertThat(sent.status()).isEqualTo(303);
    assertThat(sent.header("Location")).endsWith("/ui/incidents/INC-FORM-2");
    JsonNode report =
        keyward.api("audrey", "GET", "/api/compromises/INC-FORM-2", null).get("report");
    assertThat(report.get("reporter").get("id").asText()).isEqualTo("sol");
    assertThat(report.get("severity").asText()).isEqualTo("P2");
    assertThat(report.get("key").get("name").asText()).isEqualTo("leaked");
    assertThat(report.get("summary").asText()).isEqualTo("seen in a public repository");
    assertThat(sol.get(sent.header("Location")).body())
        .contains("Your compromise report for INC-FORM-2 was sent.");

    Page otherKey = sol.post("/ui/incidents/new", compromiseReport(sol, "INC-FORM-2", "other"));
    assertThat(otherKey.status()).isEqualTo(409);
    assertThat(textOf(otherKey))
        .contains(
            "incident INC-FORM-2 is already the response to a compromise of kv-forms/leaked, not"
                + " kv-forms/other");
  }

  @Test
  void refusesEveryFormPostedWithoutTheCsrfTokenAndStartsNothing() {
    PageClient alice = signedIn("alice");
    PageClient sol = signedIn("sol");
    String t = LocalDate.now(ZoneOffset.UTC).plusDays(40).toString();
    Map<String, Map<String, String>> forms = new LinkedHashMap<>();
    forms.put("/ui/generations/new", keyRequest(alice, "kv-forms", "no-token"));
    forms.put("/ui/rotations/new", rotationPlan(alice, "kv-forms", "no-token", t));

    for (var form : forms.entrySet()) {
      form.getValue().remove("csrf");
      Page refused = alice.post(form.getKey(), form.getValue());
      assertThat(refused.status()).as(form.getKey()).isEqualTo(403);
      assertThat(refused.body()).as(form.getKey()).contains("nothing was changed");
    }
    Map<String, String> declaration = declaration(sol, "INC-NO-TOKEN");
    declaration.put("csrf", declaration.get("csrf").substring(1) + "x");
    Map<String, String> report = compromiseReport(sol, "INC-NO-TOKEN-2", "no-token");
    report.remove("csrf");
    assertThat(sol.post("/ui/break-glass/new", declaration).status()).isEqualTo(403);
    assertThat(sol.post("/ui/incidents/new", report).status()).isEqualTo(403);

    assertThat(exists("keygen/kv-forms/no-token")).isFalse();
    assertThat(exists("rotation/kv-forms/no-token")).isFalse();
    assertThat(exists("breakglass/INC-NO-TOKEN")).isFalse();
    assertThat(exists("compromise/INC-NO-TOKEN-2")).isFalse();
  }

  @Test
  void showsAKeyRequestWithoutANameAgainWithWhatWasTypedAndTheServicesWords() {
    PageClient alice = signedIn("alice");
    Map<String, String> form = keyRequest(alice, "kv-forms", "");

    Page refused = alice.post("/ui/generations/new", form);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(textOf(refused)).contains("key name must be 1-127 letters, digits or dashes: null");
    assertThat(refused.body())
        .contains("id=\"problem\"")
        .contains("name=\"vault\" value=\"kv-forms\"")
        .contains("<option value=\"SECRET\" selected>")
        .contains("<option value=\"TLS_CERTIFICATE\" selected>")
        .contains("value=\"SIGN\" id=\"operation-SIGN\" checked")
        .contains("orders are signed, CHG0042</textarea>");
    assertThat(refused.body()).doesNotContain("value=\"ENCRYPT\" id=\"operation-ENCRYPT\" checked");
  }

  @Test
  void refusesAKeySpecThePolicyForbidsWithEveryBrokenRuleAndStartsNothing() {
    PageClient alice = signedIn("alice");
    Map<String, String> form = keyRequest(alice, "kv-forms", "weak-ultra");
    form.put("classification", "ULTRA");
    form.put("operations", "ENCRYPT");

    Page refused = alice.post("/ui/generations/new", form);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(textOf(refused))
        .contains("the request breaks policy: ")
        .contains("ec-curve-ultra: ULTRA EC keys must use P-521 (runbook 3.1), was P_384")
        .contains("operation-unsupported: EC keys cannot perform [ENCRYPT]");
    assertThat(exists("keygen/kv-forms/weak-ultra")).isFalse();
  }

  @Test
  void refusesAJustificationThatIsTooLongAndStartsNothing() {
    PageClient alice = signedIn("alice");
    Map<String, String> form = keyRequest(alice, "kv-forms", "long-reason");
    form.put("justification", "x".repeat(2001));

    Page refused = alice.post("/ui/generations/new", form);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(textOf(refused)).contains("justification must be at most 2000 characters, was 2001");
    assertThat(exists("keygen/kv-forms/long-reason")).isFalse();
  }

  @Test
  void showsAScriptTypedIntoAJustificationAsTextOnTheFormShownAgain() {
    PageClient alice = signedIn("alice");
    Map<String, String> form = keyRequest(alice, "kv-forms", "");
    form.put("justification", "<script>alert('x')</script> & <img src=x onerror=alert(1)>");
    form.put("vault", "\"><script>alert(2)</script>");

    Page refused = alice.post("/ui/generations/new", form);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body())
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src&#61;x")
        .contains("value=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"")
        .doesNotContain("<script>alert")
        .doesNotContain("<img src=x");
  }

  @Test
  void refusesPeopleTheServicesRefuseWithTheirStatusAndWords() {
    PageClient bob = signedIn("bob");
    PageClient alice = signedIn("alice");

    Page keyByBoard = bob.post("/ui/generations/new", keyRequest(bob, "kv-forms", "by-board"));
    Page reportByOwner =
        alice.post("/ui/incidents/new", compromiseReport(alice, "INC-FORM-3", "by-owner"));

    assertThat(keyByBoard.status()).isEqualTo(403);
    assertThat(textOf(keyByBoard)).contains("bob may not request keys");
    assertThat(reportByOwner.status()).isEqualTo(403);
    assertThat(textOf(reportByOwner)).contains("alice may not report a compromise");
    assertThat(reportByOwner.body()).contains("name=\"incident\" value=\"INC-FORM-3\"");
    assertThat(exists("keygen/kv-forms/by-board")).isFalse();
    assertThat(exists("compromise/INC-FORM-3")).isFalse();
  }

  @Test
  void refusesADeclarationTheServiceRefusesAndLeadsASecondOneToTheRunningSession() {
    PageClient sol = signedIn("sol");
    Map<String, String> toAnOfficer = declaration(sol, "INC-FORM-4");
    toAnOfficer.put("admin", "olivia");
    Map<String, String> vaultAndKeys = declaration(sol, "INC-FORM-4");
    vaultAndKeys.put("vault", "kv-forms");

    Page notAnAdmin = sol.post("/ui/break-glass/new", toAnOfficer);
    Page bothScopes = sol.post("/ui/break-glass/new", vaultAndKeys);

    assertThat(notAnAdmin.status()).isEqualTo(400);
    assertThat(textOf(notAnAdmin)).contains("olivia is not a break-glass admin");
    assertThat(bothScopes.status()).isEqualTo(400);
    assertThat(textOf(bothScopes))
        .contains("a break-glass scope names either a vault or a list of keys, not both");
    assertThat(exists("breakglass/INC-FORM-4")).isFalse();

    assertThat(sol.post("/ui/break-glass/new", declaration(sol, "INC-FORM-5")).status())
        .isEqualTo(303);
    String firstRun = runIdOf("breakglass/INC-FORM-5");
    Page again = sol.post("/ui/break-glass/new", declaration(sol, "INC-FORM-5"));
    assertThat(again.status()).isEqualTo(303);
    assertThat(again.header("Location")).endsWith("/ui/break-glass/INC-FORM-5");
    assertThat(runIdOf("breakglass/INC-FORM-5")).isEqualTo(firstRun);
  }

  @Test
  void refusesARotationDateInThePastWithTheServicesWords() {
    PageClient alice = signedIn("alice");

    Page refused =
        alice.post("/ui/rotations/new", rotationPlan(alice, "kv-forms", "past", "2020-01-01"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(textOf(refused)).contains("rotationDate 2020-01-01T00:00:00Z is not in the future");
    assertThat(refused.body()).contains("name=\"rotationDate\" value=\"2020-01-01\"");
    assertThat(exists("rotation/kv-forms/past")).isFalse();
  }

  private static PageClient signedIn(String user) {
    PageClient browser = new PageClient(keyward.base());
    assertThat(browser.signIn(user).status()).isEqualTo(303);
    return browser;
  }

  /** A complete key request with the form's own CSRF token. */
  private static Map<String, String> keyRequest(PageClient who, String vault, String name) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", who.get("/ui/generations/new").csrfToken());
    form.put("vault", vault);
    form.put("name", name);
    form.put("classification", "SECRET");
    form.put("usage", "TLS_CERTIFICATE");
    form.put("type", "EC");
    form.put("size", "");
    form.put("curve", "P_384");
    form.put("operations", "SIGN");
    form.put("validityDays", "180");
    form.put("ticket", "CHG0042");
    form.put("justification", "orders are signed, CHG0042");
    return form;
  }

  private static Map<String, String> rotationPlan(
      PageClient who, String vault, String name, String date) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", who.get("/ui/rotations/new").csrfToken());
    form.put("vault", vault);
    form.put("name", name);
    form.put("rotationDate", date);
    form.put("justification", "yearly rotation");
    return form;
  }

  private static Map<String, String> declaration(PageClient who, String incident) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", who.get("/ui/break-glass/new").csrfToken());
    form.put("incident", incident);
    form.put("vault", "");
    form.put("keys", "kv-forms/orders-db\nkv-forms/orders-cache");
    form.put("admin", "bruno");
    form.put("durationMinutes", "10");
    form.put("reason", "orders database unreadable");
    return form;
  }

  private static Map<String, String> compromiseReport(PageClient who, String incident, String key) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("csrf", who.get("/ui/incidents/new").csrfToken());
    form.put("incident", incident);
    form.put("vault", "kv-forms");
    form.put("name", key);
    form.put("severity", "P2");
    form.put("summary", "seen in a public repository");
    return form;
  }

  private static boolean exists(String workflowId) {
    try {
      keyward.client().newUntypedWorkflowStub(workflowId).describe();
      return true;
    } catch (WorkflowNotFoundException none) {
      return false;
    }
  }

  private static String runIdOf(String workflowId) {
    return keyward.client().newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
  }

  /** The page's text as a person reads it: the templates' escapes turned back into characters. */
  private static String textOf(Page page) {
    return page.body()
        .replace("&#39;", "'")
        .replace("&#61;", "=")
        .replace("&#96;", "`")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
