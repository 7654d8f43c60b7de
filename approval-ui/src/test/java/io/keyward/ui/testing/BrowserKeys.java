package io.keyward.ui.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.activities.directory.YamlDirectory;
import io.keyward.api.webauthn.SecurityKeyBootstrap;
import io.keyward.workflows.credential.EnrolmentRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * People's security keys in Chromium's WebDriver virtual authenticator: each person's credentials
 * with their counters are kept between uses and plugged in for one action at a time. Registers keys
 * on the security keys page, bootstraps the first lead's key as an operator would, has a lead
 * approve keys with the lead's own key, and signs challenges a test computes itself.
 */
public final class BrowserKeys {
  private final KeywardInChromium app;
  private final Map<String, List<Credential>> keysOf = new HashMap<>();

  public BrowserKeys(KeywardInChromium app) {
    this.app = app;
  }

  public boolean has(String person) {
    return keysOf.containsKey(person);
  }

  /** A copy of {@code person}'s authenticator as it is now: a clone, counters included. */
  public List<Credential> copyOf(String person) {
    return new ArrayList<>(keysOf.get(person));
  }

  /** Replaces {@code person}'s authenticator, e.g. with a clone made earlier. */
  public void replace(String person, List<Credential> credentials) {
    keysOf.put(person, credentials);
  }

  public void forget(String person) {
    keysOf.remove(person);
  }

  /** Signs in as {@code person} and registers a key in a new authenticator; it is PENDING. */
  public void register(String person) {
    app.signIn(person);
    app.open("/ui/security-keys");
    withAuthenticator(
        person,
        () ->
            Chromium.clickAndAwaitNewPage(
                app.browser(), app.browser().findElement(By.id("register-key"))));
    assertThat(app.text("notice")).contains("waits for a security team lead's approval");
    assertThat(stateOfMyKey()).isEqualTo("PENDING");
  }

  /**
   * The first lead's key: registered on the page, then activated as the operator's {@code
   * bootstrap-security-key} does (the same rules, the same audit event), its enrolment ended.
   */
  public void bootstrapLead(String lead) {
    register(lead);
    String credentialId = credentialIdOf(lead);
    new SecurityKeyBootstrap(
            app.keyward().stores().credentials(),
            YamlDirectory.demo(),
            app.keyward().audit(),
            Clock.systemUTC())
        .bootstrap(credentialId, "ops-on-call");
    app.keyward()
        .client()
        .newUntypedWorkflowStub(EnrolmentRequest.workflowId(credentialId))
        .terminate("security key enrolled by bootstrap by ops-on-call");
  }

  /**
   * Signs in as {@code lead} and approves {@code person}'s waiting key on the security keys page,
   * the lead's own key signing the approval; answers the notice the page shows after it.
   */
  public String approveAsLead(String lead, String person) {
    app.signIn(lead);
    app.open("/ui/security-keys");
    WebElement approve =
        app.browser()
            .findElement(By.cssSelector("tr[data-person='" + person + "'] button.approve"));
    withAuthenticator(lead, () -> Chromium.clickAndAwaitNewPage(app.browser(), approve));
    return app.text("notice");
  }

  /**
   * Signs in as {@code person}, opens {@code page} and clicks {@code button} with their key plugged
   * in, after typing {@code reason} into {@code reasonField} when given; answers the notice the
   * page shows after it (what was done, or the refusal).
   */
  public String decide(
      String person, String page, String button, String reasonField, String reason) {
    app.signIn(person);
    app.open(page);
    assertThat(app.browser().findElements(By.id(button)))
        .as(() -> person + " sees no " + button + " on " + app.browser().getPageSource())
        .isNotEmpty();
    if (reason != null) {
      app.browser().findElement(By.id(reasonField)).sendKeys(reason);
    }
    withAuthenticator(
        person,
        () ->
            Chromium.clickAndAwaitNewPage(app.browser(), app.browser().findElement(By.id(button))));
    return app.text("notice");
  }

  /**
   * Runs {@code action} with {@code person}'s authenticator plugged in: a virtual authenticator
   * holding their credentials as last seen (counters included), taken out again afterwards.
   */
  public void withAuthenticator(String person, Runnable action) {
    HasVirtualAuthenticator webauthn = (HasVirtualAuthenticator) app.browser();
    VirtualAuthenticator authenticator =
        webauthn.addVirtualAuthenticator(
            new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(false)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    try {
      keysOf.getOrDefault(person, List.of()).forEach(authenticator::addCredential);
      action.run();
      keysOf.put(person, authenticator.getCredentials());
    } finally {
      webauthn.removeVirtualAuthenticator(authenticator);
    }
  }

  /**
   * {@code person}'s key signing {@code challenge} with the credential {@code credentialId}, as a
   * client computing its own challenge would: the assertion's fields, as a decision form carries
   * them, without the nonce.
   */
  public Map<String, String> signChallenge(String person, String challenge, String credentialId) {
    Map<String, String> fields = new HashMap<>();
    withAuthenticator(
        person,
        () -> {
          @SuppressWarnings("unchecked")
          Map<String, String> signed =
              (Map<String, String>)
                  ((JavascriptExecutor) app.browser())
                      .executeAsyncScript(
                          "const [challenge, id, done] = arguments;"
                              + "const bytes = t => Uint8Array.from(atob(t.replace(/-/g, '+')"
                              + ".replace(/_/g, '/') + '==='.slice((t.length + 3) % 4)),"
                              + " c => c.charCodeAt(0));"
                              + "const text = b => btoa(String.fromCharCode(...new Uint8Array(b)))"
                              + ".replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');"
                              + "navigator.credentials.get({publicKey: {challenge: bytes(challenge),"
                              + " rpId: 'localhost', userVerification: 'required',"
                              + " allowCredentials: [{type: 'public-key', id: bytes(id)}]}})"
                              + ".then(a => done({credentialId: text(a.rawId),"
                              + " clientDataJson: text(a.response.clientDataJSON),"
                              + " authenticatorData: text(a.response.authenticatorData),"
                              + " signature: text(a.response.signature)}))"
                              + ".catch(e => done({error: String(e)}));",
                          challenge, credentialId);
          assertThat(signed).doesNotContainKey("error");
          fields.putAll(signed);
        });
    return fields;
  }

  /**
   * Posts {@code fields} to {@code action} from {@code page} with the page's CSRF token, as its
   * form would, then opens {@code page} again; answers the notice it shows.
   */
  public String post(String page, String formSelector, String action, Map<String, String> fields) {
    app.open(page);
    String csrf =
        app.browser()
            .findElement(By.cssSelector(formSelector + " input[name=csrf]"))
            .getAttribute("value");
    Map<String, String> form = new HashMap<>(fields);
    form.put("csrf", csrf);
    Object status =
        ((JavascriptExecutor) app.browser())
            .executeAsyncScript(
                "const [url, fields, done] = arguments;"
                    + "fetch(url, {method: 'POST', credentials: 'same-origin', redirect: 'manual',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: new URLSearchParams(fields)}).then(r => done(r.type))"
                    + ".catch(e => done(String(e)));",
                action,
                form);
    assertThat(status).isEqualTo("opaqueredirect");
    app.open(page);
    return app.text("notice");
  }

  public String credentialIdOf(String person) {
    byte[] id = keysOf.get(person).get(0).getId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  /** The state of the signed-in person's newest key, the last row of their list. */
  public String stateOfMyKey() {
    List<WebElement> rows =
        app.waitFor()
            .until(
                ExpectedConditions.presenceOfAllElementsLocatedBy(
                    By.cssSelector("#my-keys tr[data-state]")));
    return rows.get(rows.size() - 1).getAttribute("data-state");
  }
}
