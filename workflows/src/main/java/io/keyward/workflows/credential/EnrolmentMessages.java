package io.keyward.workflows.credential;

import io.keyward.workflows.ceremony.AuditDetails;
import io.keyward.workflows.webauthn.HeldCredentials;
import io.keyward.workflows.webauthn.PersonCredential;
import java.util.Map;

/** What an enrolment says: its memo, timeline lines and audit details. Public facts only. */
public final class EnrolmentMessages {
  private EnrolmentMessages() {}

  public static String summary(EnrolmentRequest request, EnrolmentPhase phase) {
    return "Security key "
        + HeldCredentials.shortId(request.credentialId())
        + " of "
        + request.person().id()
        + ": "
        + phase;
  }

  public static Map<String, String> requested(EnrolmentRequest request) {
    return AuditDetails.create()
        .with("person", request.person().id())
        .with("credentialId", request.credentialId())
        .build();
  }

  public static Map<String, String> settled(PersonCredential credential, String reason) {
    return AuditDetails.create()
        .with("person", credential.personId())
        .with("credentialId", credential.credentialId())
        .with("state", credential.state().name())
        .with("rpId", credential.rpId())
        .with("origin", credential.origin())
        .with("reason", reason)
        .build();
  }
}
