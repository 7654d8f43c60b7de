package io.keyward.api.webauthn;

import java.util.List;

/**
 * What the page passes to {@code navigator.credentials.get} to sign one decision: the challenge
 * derived from the decision, the nonce it was made with (sent back with the assertion), the relying
 * party and the person's ACTIVE credentials.
 */
public record AssertionRequest(
    String challenge, String nonce, String rpId, List<String> allowCredentials) {}
