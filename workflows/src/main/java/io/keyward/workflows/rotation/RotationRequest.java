package io.keyward.workflows.rotation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.servicenow.TicketBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A planned manual rotation of one key (runbook 6.3): the key, the rotation date T, why, and who
 * asks. What the key is used for and how it is classified (which decide the approvals, runbook 6.1
 * and 2.2) are not the requester's to say: the rotation reads them from the key register. {@code
 * requester} is the authenticated person. {@code stepTimeout} bounds the approval and execution
 * steps at T, 72 hours by default. {@code ticket} is a label; {@code ticketBinding}, when present,
 * is the ServiceNow record of that ticket that the API checked was given to Keyward, the only
 * record written to.
 */
public record RotationRequest(
    KeyRef key,
    Instant rotationDate,
    String justification,
    Actor requester,
    String ticket,
    Duration stepTimeout,
    TicketBinding ticketBinding)
    implements PersonCarrying {
  /** The {@code requester}: the person the API signs this start for. */
  @Override
  @JsonIgnore
  public Actor actor() {
    return requester;
  }

  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofHours(72);

  /** A request whose ticket, if any, is a label only: nothing is written to it. */
  public RotationRequest(
      KeyRef key,
      Instant rotationDate,
      String justification,
      Actor requester,
      String ticket,
      Duration stepTimeout) {
    this(key, rotationDate, justification, requester, ticket, stepTimeout, null);
  }

  public RotationRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rotationDate, "rotationDate");
    Objects.requireNonNull(requester, "requester");
    if (stepTimeout == null) {
      stepTimeout = DEFAULT_STEP_TIMEOUT;
    }
    if (ticketBinding != null && !ticketBinding.isFor(ticket)) {
      throw new IllegalArgumentException(
          "the ticket binding is for "
              + ticketBinding.record().number()
              + ", not for ticket "
              + ticket
              + "");
    }
  }

  /** The same request, with the record of its ticket that Keyward may write to. */
  public RotationRequest withTicketBinding(TicketBinding binding) {
    return new RotationRequest(
        key, rotationDate, justification, requester, ticket, stepTimeout, binding);
  }

  /** {@code rotation/<vault>/<key>}: one manual rotation per key at a time. */
  public static String workflowId(KeyRef key) {
    return "rotation/" + key.vault() + "/" + key.name();
  }
}
