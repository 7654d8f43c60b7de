package io.keyward.workflows.webauthn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names under which an audit record keeps a decision's assertion, and reading it back: what
 * {@code verify-audit} needs to verify the decision again offline.
 */
public final class AssertionAudit {
  public static final String CREDENTIAL_ID = "assertion.credentialId";
  public static final String CLIENT_DATA = "assertion.clientDataJson";
  public static final String AUTHENTICATOR_DATA = "assertion.authenticatorData";
  public static final String SIGNATURE = "assertion.signature";
  public static final String NONCE = "assertion.nonce";
  public static final String RUN_ID = "assertion.runId";
  public static final String STEP = "assertion.step";
  public static final String SIGN_COUNT = "assertion.signCount";

  private AssertionAudit() {}

  public static Map<String, String> of(DecisionAssertion assertion) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put(CREDENTIAL_ID, assertion.credentialId());
    details.put(CLIENT_DATA, assertion.clientDataJson());
    details.put(AUTHENTICATOR_DATA, assertion.authenticatorData());
    details.put(SIGNATURE, assertion.signature());
    details.put(NONCE, assertion.nonce());
    return details;
  }

  /** The assertion an audit record's details keep; empty when the decision carried none. */
  public static Optional<DecisionAssertion> from(Map<String, String> details) {
    if (details == null || !details.containsKey(CREDENTIAL_ID)) {
      return Optional.empty();
    }
    return Optional.of(
        new DecisionAssertion(
            details.get(CREDENTIAL_ID),
            details.get(CLIENT_DATA),
            details.get(AUTHENTICATOR_DATA),
            details.get(SIGNATURE),
            details.get(NONCE)));
  }
}
