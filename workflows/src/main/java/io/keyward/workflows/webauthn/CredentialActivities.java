package io.keyward.workflows.webauthn;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;
import java.util.List;

/**
 * The credentials store as ceremonies reach it. Public keys and counters only: nothing returned
 * here is secret, and all of it is recorded in the calling ceremony's history.
 */
@ActivityInterface
public interface CredentialActivities {
  /** Every ACTIVE credential, for a ceremony whose decisions need its people's assertions. */
  @ActivityMethod(name = "AcceptedCredentials")
  List<AcceptedCredential> acceptedCredentials();

  /** Raises the highest signature counter seen of a credential after a decision it signed. */
  @ActivityMethod(name = "RecordSignCount")
  void recordSignCount(String credentialId, long count);

  /**
   * The enrolment's end: PENDING to ACTIVE when {@code approver} approved it, to REVOKED when
   * {@code approver} refused it or nobody decided in time ({@code approver} null); answers the
   * credential as stored afterwards.
   */
  @ActivityMethod(name = "SettleEnrolment")
  PersonCredential settleEnrolment(
      String credentialId, boolean approved, String approver, Instant at);
}
