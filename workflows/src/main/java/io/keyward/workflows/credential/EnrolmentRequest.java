package io.keyward.workflows.credential;

import io.keyward.workflows.attestation.PersonCarrying;
import io.keyward.workflows.common.Actor;
import java.time.Duration;
import java.util.Objects;

/**
 * A person's new credential, registered and stored PENDING by the API, waiting for a security team
 * lead. {@code person} is the authenticated person who registered it; {@code timeout} bounds the
 * wait for a lead (72 hours by default), after which the credential is refused.
 */
public record EnrolmentRequest(Actor person, String credentialId, Duration timeout)
    implements PersonCarrying {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(72);

  public EnrolmentRequest {
    Objects.requireNonNull(person, "person");
    Objects.requireNonNull(credentialId, "credentialId");
    if (timeout == null) {
      timeout = DEFAULT_TIMEOUT;
    }
  }

  /** The person who registered the credential: the API signs the start for them. */
  @Override
  public Actor actor() {
    return person;
  }

  /** {@code credential-enrolment/<credential id>}: one ceremony per credential. */
  public static String workflowId(String credentialId) {
    return "credential-enrolment/" + credentialId;
  }
}
