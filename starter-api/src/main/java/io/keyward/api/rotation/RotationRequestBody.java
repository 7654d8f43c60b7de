package io.keyward.api.rotation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.rotation.RotationRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The JSON body of {@code POST /api/rotations}. It has no identity field: the requester is the
 * authenticated person, and a {@code requester} a client sends is ignored. {@code rotationDate} is
 * T, as {@code 2027-03-01} or {@code 2027-03-01T09:00:00Z}; {@code usage} is the row of the
 * rotation matrix (runbook 6.1) that decides who must approve.
 */
@JsonIgnoreProperties({"actor", "requester"})
public record RotationRequestBody(
    String vault,
    String name,
    KeyUsage usage,
    String rotationDate,
    String justification,
    String ticket) {
  public static final int MAX_JUSTIFICATION = 2000;

  private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  RotationRequest toRequest(Actor requester, Duration stepTimeout, Clock clock) {
    KeyRef key = new KeyRef(vault, name);
    if (usage == null) {
      throw new IllegalArgumentException(
          "usage is required: one of "
              + Arrays.toString(KeyUsage.values())
              + " (runbook 6.1 decides the approvals by it)");
    }
    return new RotationRequest(
        key,
        usage,
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
