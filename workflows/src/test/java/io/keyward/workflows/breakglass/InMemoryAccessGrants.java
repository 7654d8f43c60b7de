package io.keyward.workflows.breakglass;

import io.keyward.workflows.incident.CallLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A grant store in memory standing in for the embedded one: idempotent grants, and a revocation
 * that reads the map back before it answers.
 */
public final class InMemoryAccessGrants implements AccessGrantActivities {
  private final Map<String, AccessGrant> grants = new LinkedHashMap<>();
  private final CallLog log;
  private int grantCalls;

  public InMemoryAccessGrants(CallLog log) {
    this.log = log;
  }

  @Override
  public synchronized AccessGrant grant(AccessGrant grant) {
    log.add("access:grant");
    grantCalls++;
    return grants.computeIfAbsent(grant.grantId(), id -> grant);
  }

  @Override
  public synchronized Revocation revoke(String grantId) {
    log.add("access:revoke");
    boolean present = grants.remove(grantId) != null;
    return new Revocation(grantId, present, !grants.containsKey(grantId));
  }

  public synchronized Optional<AccessGrant> find(String grantId) {
    return Optional.ofNullable(grants.get(grantId));
  }

  public synchronized int grantCalls() {
    return grantCalls;
  }
}
