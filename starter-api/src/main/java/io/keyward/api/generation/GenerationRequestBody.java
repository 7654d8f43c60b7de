package io.keyward.api.generation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.generation.GenerationRequest;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.CryptoStandards;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The JSON body of {@code POST /api/generations}. It has no identity field: the requester is the
 * authenticated person, and an {@code actor} or {@code requester} a client sends is ignored. Any
 * other unknown field is refused with 400, so a misspelt field is never silently dropped.
 */
@JsonIgnoreProperties({"actor", "requester"})
public record GenerationRequestBody(
    String vault,
    String name,
    Classification classification,
    KeySpecBody spec,
    String justification,
    String ticket) {
  /** Long enough for a business case, short enough to read in an approval. */
  public static final int MAX_JUSTIFICATION = 2000;

  private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /**
   * Validates the body and builds the workflow input; throws {@link IllegalArgumentException} for
   * missing or malformed values and {@link io.keyward.workflows.policy.PolicyViolationException}
   * when the spec breaks the crypto standards of the classification.
   */
  GenerationRequest toRequest(Actor requester, Duration stepTimeout) {
    KeyRef key = new KeyRef(vault, name);
    if (classification == null) {
      throw new IllegalArgumentException(
          "classification is required: one of " + Arrays.toString(Classification.values()));
    }
    if (spec == null) {
      throw new IllegalArgumentException("spec is required: the key's type, size or curve");
    }
    var keySpec = spec.toKeySpec();
    CryptoStandards.requireCompliant(keySpec, classification);
    return new GenerationRequest(
        key,
        keySpec,
        classification,
        requireJustification(),
        requester,
        requireTicket(),
        stepTimeout);
  }

  private String requireJustification() {
    if (justification == null || justification.isBlank()) {
      throw new IllegalArgumentException(
          "justification is required: why the key is needed (runbook 3.3 step 1)");
    }
    String text = justification.strip();
    if (text.length() > MAX_JUSTIFICATION) {
      throw new IllegalArgumentException(
          "justification must be at most "
              + MAX_JUSTIFICATION
              + " characters, was "
              + text.length());
    }
    return text;
  }

  private String requireTicket() {
    if (ticket == null || ticket.isBlank()) {
      return null;
    }
    if (!TICKET.matcher(ticket).matches()) {
      throw new IllegalArgumentException(
          "ticket must be 1-64 letters, digits, dots, dashes or underscores, e.g. CHG0012345");
    }
    return ticket;
  }
}
