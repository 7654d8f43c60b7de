package io.keyward.workflows.webauthn;

/**
 * What a person's authenticator answered to {@code navigator.credentials.get} for one decision,
 * every part base64url as the browser gave it, with the {@code nonce} the challenge was made with.
 * It carries no secret: only the authenticator's signature over the decision's challenge.
 */
public record DecisionAssertion(
    String credentialId,
    String clientDataJson,
    String authenticatorData,
    String signature,
    String nonce) {}
