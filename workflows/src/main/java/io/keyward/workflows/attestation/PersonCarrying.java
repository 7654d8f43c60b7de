package io.keyward.workflows.attestation;

import io.keyward.workflows.common.Actor;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An input that acts for a person: an Update's decision, a start's request. The API signs the
 * person it authenticated into every such input it sends, and workers accept it only with that
 * signature ({@link AttestationVerifier}); an input that names nobody is not signed.
 */
public interface PersonCarrying {
  /** The person the input acts for, as the API authenticated them. */
  Actor actor();

  /** The person the first person-carrying argument acts for; empty when none carries one. */
  static Optional<Actor> actorIn(Object[] arguments) {
    if (arguments == null) {
      return Optional.empty();
    }
    return Arrays.stream(arguments)
        .filter(PersonCarrying.class::isInstance)
        .map(argument -> ((PersonCarrying) argument).actor())
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** True when an argument carries a person, whether or not it names one. */
  static boolean anyIn(Object[] arguments) {
    return arguments != null && Arrays.stream(arguments).anyMatch(PersonCarrying.class::isInstance);
  }
}
