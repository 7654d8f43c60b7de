package io.keyward.workflows.breakglass;

import io.temporal.activity.ActivityInterface;

/**
 * Grants and revokes time-bound access. The embedded implementation records grants where the API
 * checks them; in production it maps to a time-bound role assignment at the identity provider. Both
 * methods are idempotent.
 */
@ActivityInterface(namePrefix = "Access")
public interface AccessGrantActivities {
  /** Records the grant, or returns the one already recorded under its id. */
  AccessGrant grant(AccessGrant grant);

  /**
   * Removes the grant and reads the store back to prove it is gone. Fails (retryably) when the
   * grant is still there after the removal, so a revocation is never assumed.
   */
  Revocation revoke(String grantId);
}
