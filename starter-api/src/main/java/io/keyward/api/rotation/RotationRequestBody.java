package io.keyward.api.rotation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.PolicyViolation;
import io.keyward.workflows.policy.PolicyViolationException;
import io.keyward.workflows.rotation.RotationRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON body of {@code POST /api/rotations}. It has no identity field: the requester is the
 * authenticated person, and a {@code requester} a client sends is ignored. {@code rotationDate} is
 * T, as {@code 2027-03-01} or {@code 2027-03-01T09:00:00Z}. Who must approve follows from the key's
 * usage and classification in the key register (runbook 6.1, 2.2), never from the request: a body
 * that names a {@code usage} or a {@code classification} is refused (422), whatever it says.
 */
@JsonIgnoreProperties({"actor", "requester"})
public record RotationRequestBody(
    String vault,
    String name,
    String rotationDate,
    String justification,
    String ticket,
    Object usage,
    Object classification) {

  /** A body without the fields the register owns, as the pages and the webhook build it. */
  public RotationRequestBody(
      String vault, String name, String rotationDate, String justification, String ticket) {
    this(vault, name, rotationDate, justification, ticket, null, null);
  }

  public static final int MAX_JUSTIFICATION = 2000;

  private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  RotationRequest toRequest(Actor requester, Duration stepTimeout, Clock clock) {
    KeyRef key = new KeyRef(vault, name);
    if (usage != null || classification != null) {
      throw new PolicyViolationException(
          List.of(
              new PolicyViolation(
                  "facts-from-register",
                  "a rotation's approvals follow the key's usage and classification in the key"
                      + " register, not the request: leave out usage and classification (change"
                      + " them with POST /api/keys/"
                      + key.vault()
                      + "/"
                      + key.name()
                      + "/classification)")));
    }
    return new RotationRequest(
        key,
        RotationDates.parse("rotationDate", rotationDate, clock),
        requireJustification(),
        requester,
        requireTicket(),
        stepTimeout);
  }

  private String requireJustification() {
    if (justification == null || justification.isBlank()) {
      throw new IllegalArgumentException(
          "justification is required: why the key is rotated (runbook 6.3)");
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
