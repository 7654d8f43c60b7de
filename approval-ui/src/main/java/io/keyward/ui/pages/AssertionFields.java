package io.keyward.ui.pages;

import io.keyward.workflows.webauthn.DecisionAssertion;
import jakarta.ws.rs.FormParam;

/**
 * The fields a decision form carries when the person's security key signed the decision (the page's
 * script adds them after {@code navigator.credentials.get}), as a {@code @BeanParam}. The workflow
 * verifies them; nothing here is trusted.
 */
public final class AssertionFields {
  @FormParam("credentialId")
  private String credentialId;

  @FormParam("clientDataJson")
  private String clientDataJson;

  @FormParam("authenticatorData")
  private String authenticatorData;

  @FormParam("signature")
  private String signature;

  @FormParam("nonce")
  private String nonce;

  /** The assertion the form carries; null when it carries none. */
  public DecisionAssertion assertion() {
    if (credentialId == null || credentialId.isBlank()) {
      return null;
    }
    return new DecisionAssertion(credentialId, clientDataJson, authenticatorData, signature, nonce);
  }
}
