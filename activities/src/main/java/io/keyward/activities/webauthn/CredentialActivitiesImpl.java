package io.keyward.activities.webauthn;

import io.keyward.workflows.webauthn.AcceptedCredential;
import io.keyward.workflows.webauthn.CredentialActivities;
import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.CredentialStore;
import io.keyward.workflows.webauthn.PersonCredential;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The credentials store as an activity: public keys and counters out, enrolments settled. */
public final class CredentialActivitiesImpl implements CredentialActivities {
  private final CredentialStore store;

  public CredentialActivitiesImpl(CredentialStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public List<AcceptedCredential> acceptedCredentials() {
    return store.inState(CredentialState.ACTIVE).stream().map(PersonCredential::accepted).toList();
  }

  @Override
  public void recordSignCount(String credentialId, long count) {
    store.raiseSignCount(credentialId, count);
  }

  private boolean isPending(String credentialId) {
    return store.find(credentialId).map(c -> c.state() == CredentialState.PENDING).orElse(false);
  }

  @Override
  public PersonCredential settleEnrolment(
      String credentialId, boolean approved, String approver, Instant at) {
    if (approved) {
      store.activate(credentialId, approver, at);
    } else if (approver != null || isPending(credentialId)) {
      // An enrolment that expires revokes only a key still waiting: a key bootstrapped meanwhile
      // (SecurityKeyBootstrap) stays as it is.
      store.revoke(credentialId, approver == null ? "keyward" : approver, at);
    }
    return store
        .find(credentialId)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "no security key " + credentialId + " in the store", "CredentialNotFound"));
  }
}
