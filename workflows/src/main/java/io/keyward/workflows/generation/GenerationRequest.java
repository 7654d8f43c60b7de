package io.keyward.workflows.generation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.servicenow.TicketBinding;
import java.time.Duration;

/**
 * A request for a new key (runbook 3.3 step 1). {@code requester} is the authenticated person;
 * {@code stepTimeout} bounds each human step (approval, custodians, security), 72 hours by default.
 * {@code ticket} is a label; {@code ticketBinding}, when present, is the ServiceNow record of that
 * ticket that the API checked was given to Keyward, the only record the ceremony writes to.
 */
public record GenerationRequest(
    KeyRef key,
    KeySpec spec,
    Classification classification,
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
  public GenerationRequest(
      KeyRef key,
      KeySpec spec,
      Classification classification,
      String justification,
      Actor requester,
      String ticket,
      Duration stepTimeout) {
    this(key, spec, classification, justification, requester, ticket, stepTimeout, null);
  }

  public GenerationRequest {
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
  public GenerationRequest withTicketBinding(TicketBinding binding) {
    return new GenerationRequest(
        key, spec, classification, justification, requester, ticket, stepTimeout, binding);
  }

  /** {@code keygen/<vault>/<key>}: one ceremony per key at a time. */
  public static String workflowId(KeyRef key) {
    return "keygen/" + key.vault() + "/" + key.name();
  }
}
