package io.keyward.workflows.webauthn;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The WebAuthn challenges the API has handed out and not had back yet (today those of security key
 * registrations), kept where every API replica sees them: a registration begun at one replica
 * finishes at whichever replica the browser reaches next.
 *
 * <p>Contract for an implementation:
 *
 * <ul>
 *   <li>A challenge belongs to the person it was issued to: only {@link #take} for that person
 *       answers it, and taking another person's leaves theirs open.
 *   <li>A challenge is taken once: of two replicas taking the same person's challenge at once, one
 *       gets it and the other gets empty.
 *   <li>A challenge issued at {@code at} is gone at {@code at} plus {@link #VALID_FOR}; expired
 *       ones may be deleted at any time.
 *   <li>A person has one open challenge: {@link #issue} drops any earlier one of that person.
 * </ul>
 *
 * <p>It is one of the {@link io.keyward.workflows.stores.Stores}, which closes it.
 */
public interface WebAuthnChallenges {
  /** How long a challenge may be redeemed after it was issued. */
  Duration VALID_FOR = Duration.ofMinutes(5);

  /** The longest challenge (base64url) and person id kept. */
  int MAX_LENGTH = 200;

  /**
   * Keeps {@code challenge} (base64url) for {@code personId}, issued {@code at}, in place of any
   * challenge the person had open.
   */
  void issue(String personId, String challenge, Instant at);

  /**
   * The open challenge of {@code personId}, used up by this call; empty when the person has none,
   * it expired by {@code now} or another call took it.
   */
  Optional<String> take(String personId, Instant now);
}
