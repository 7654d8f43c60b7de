package io.keyward.api.webauthn;

/**
 * What the browser's {@code navigator.credentials.create} answered, base64url: the client data and
 * the attestation object. The person is the authenticated one, never named here.
 */
public record RegistrationBody(String clientDataJson, String attestationObject) {}
