package io.keyward.workflows.testing;

import io.keyward.workflows.webauthn.AcceptedCredential;
import io.keyward.workflows.webauthn.CredentialActivities;
import io.keyward.workflows.webauthn.CredentialState;
import io.keyward.workflows.webauthn.PersonCredential;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** The credentials store in memory, as the activities see it: enrol, revoke, read counters. */
public final class InMemoryCredentials implements CredentialActivities {
  private final Map<String, AcceptedCredential> active = new ConcurrentHashMap<>();
  private volatile CountDownLatch reads = new CountDownLatch(0);

  /** Holds every read of the accepted credentials until {@link #releaseReads()}. */
  public void holdReads() {
    reads = new CountDownLatch(1);
  }

  public void releaseReads() {
    reads.countDown();
  }

  public void enrol(SoftwareAuthenticator authenticator) {
    active.put(authenticator.credentialId(), authenticator.credential());
  }

  public void revoke(String credentialId) {
    active.remove(credentialId);
  }

  public long signCount(String credentialId) {
    return active.get(credentialId).signCount();
  }

  @Override
  public List<AcceptedCredential> acceptedCredentials() {
    try {
      reads.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the reads were held", e);
    }
    return List.copyOf(active.values());
  }

  @Override
  public void recordSignCount(String credentialId, long count) {
    active.computeIfPresent(
        credentialId, (id, c) -> c.signCount() < count ? c.withSignCount(count) : c);
  }

  private final Map<String, PersonCredential> settled = new ConcurrentHashMap<>();

  /** Settles as the store would: ACTIVE when approved, REVOKED otherwise. */
  @Override
  public PersonCredential settleEnrolment(
      String credentialId, boolean approved, String approver, Instant at) {
    PersonCredential credential =
        new PersonCredential(
            "person-of-" + credentialId,
            credentialId,
            "cose",
            0,
            approved ? CredentialState.ACTIVE : CredentialState.REVOKED,
            SoftwareAuthenticator.RP_ID,
            SoftwareAuthenticator.ORIGIN,
            at,
            approved ? approver : null,
            approved ? at : null,
            approved ? null : approver,
            approved ? null : at);
    settled.put(credentialId, credential);
    return credential;
  }

  /** How an enrolment ended in the store; null while it has not. */
  public PersonCredential settled(String credentialId) {
    return settled.get(credentialId);
  }
}
