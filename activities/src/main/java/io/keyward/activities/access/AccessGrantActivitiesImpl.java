package io.keyward.activities.access;

import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.AccessGrantActivities;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.breakglass.Revocation;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;

/**
 * The access-grant activities over an {@link AccessGrantStore}. A revocation is proven, not
 * assumed: after removing the grant it reads the store again, and fails with type {@value
 * #GRANT_STILL_PRESENT} (retried by the workflow's policy) while the grant is still there.
 */
public final class AccessGrantActivitiesImpl implements AccessGrantActivities {
  public static final String GRANT_STILL_PRESENT = "GrantStillPresent";

  /** The failure type of a grant a reset run asked for. */
  public static final String RESET_RUN = "ResetRunGrant";

  private final AccessGrantStore store;

  public AccessGrantActivitiesImpl(AccessGrantStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public AccessGrant grant(AccessGrant grant) {
    if (grant.resetOf() != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refused: this run of "
              + grant.grantId()
              + " is a reset of run "
              + grant.resetOf()
              + ", and a reset replays approvals given to the original run; no access is granted"
              + " to a reset run. Declare a new break-glass session to be authorised again",
          RESET_RUN);
    }
    return store.record(grant);
  }

  @Override
  public Revocation revoke(String grantId) {
    boolean removed = store.remove(grantId);
    if (store.find(grantId).isPresent()) {
      throw ApplicationFailure.newFailure(
          "grant " + grantId + " is still in the grant store after its removal",
          GRANT_STILL_PRESENT);
    }
    return new Revocation(grantId, removed, true);
  }
}
