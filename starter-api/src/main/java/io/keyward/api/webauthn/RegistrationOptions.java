package io.keyward.api.webauthn;

import java.util.List;

/**
 * What the page passes to {@code navigator.credentials.create}: a one-time challenge, the relying
 * party, the person (id base64url, name) and the credentials they already have, so a key is not
 * registered twice. Everything base64url.
 */
public record RegistrationOptions(
    String challenge,
    String rpId,
    String userId,
    String userName,
    List<String> excludeCredentials) {}
