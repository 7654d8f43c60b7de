package io.keyward.api.webauthn;

import io.keyward.workflows.webauthn.WebAuthnChallenges;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The one open registration challenge of each person, for {@link WebAuthnChallenges#VALID_FOR} and
 * one use, kept in the shared store: a registration begun at one API replica finishes at any other.
 */
final class RegistrationChallenges {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebAuthnChallenges open;
  private final Clock clock;

  RegistrationChallenges(WebAuthnChallenges open, Clock clock) {
    this.open = open;
    this.clock = clock;
  }

  /** A new challenge for {@code person}, replacing any open one. */
  byte[] issue(String person) {
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    open.issue(person, base64url(challenge), clock.instant());
    return challenge;
  }

  /** The open challenge of {@code person}, used up by this call; empty when none or expired. */
  Optional<byte[]> take(String person) {
    return open.take(person, clock.instant()).map(Base64.getUrlDecoder()::decode);
  }

  static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
