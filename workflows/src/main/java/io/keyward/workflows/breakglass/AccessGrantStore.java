package io.keyward.workflows.breakglass;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where time-bound access grants live, written by the break-glass workflow's activities and read by
 * the API before it accepts an action under a grant. The embedded store keeps them in a file both
 * can reach; in production the same contract maps to time-bound role assignments at the identity
 * provider.
 *
 * <p>A grant counts only while it is in the store <em>and</em> before its expiry: readers must use
 * {@link #liveGrant} or check {@link AccessGrant#liveAt} themselves, never the mere presence of a
 * grant, because a revocation may be late when no worker ran at the expiry.
 */
public interface AccessGrantStore {
  /** Records the grant, or returns the one already recorded under its id (the first write wins). */
  AccessGrant record(AccessGrant grant);

  Optional<AccessGrant> find(String grantId);

  /** Removes the grant; false when it was not there. */
  boolean remove(String grantId);

  /** Every grant in the store, live or expired, oldest first. */
  List<AccessGrant> all();

  /** The grant when it is held by {@code holder} and live at {@code now}; empty otherwise. */
  default Optional<AccessGrant> liveGrant(String grantId, String holder, Instant now) {
    return find(grantId).filter(g -> g.holder().equals(holder) && g.liveAt(now));
  }
}
