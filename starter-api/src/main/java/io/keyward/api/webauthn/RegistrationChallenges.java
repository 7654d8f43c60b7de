package io.keyward.api.webauthn;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one open registration challenge of each person, for five minutes and one use. Kept in this
 * replica's memory: a registration finishes on the replica that began it (the page asks the same
 * session, which a load balancer keeps on one replica), or the person begins again.
 */
final class RegistrationChallenges {
  static final Duration VALID_FOR = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Open(byte[] challenge, Instant expires) {}

  private final Map<String, Open> open = new ConcurrentHashMap<>();
  private final Clock clock;

  RegistrationChallenges(Clock clock) {
    this.clock = clock;
  }

  /** A new challenge for {@code person}, replacing any open one. */
  byte[] issue(String person) {
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    open.put(person, new Open(challenge, clock.instant().plus(VALID_FOR)));
    open.entrySet().removeIf(e -> e.getValue().expires().isBefore(clock.instant()));
    return challenge;
  }

  /** The open challenge of {@code person}, used up by this call; empty when none or expired. */
  Optional<byte[]> take(String person) {
    Open taken = open.remove(person);
    if (taken == null || taken.expires().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(taken.challenge());
  }

  static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
