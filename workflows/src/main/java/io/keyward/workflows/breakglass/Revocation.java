package io.keyward.workflows.breakglass;

/**
 * The outcome of revoking a grant. {@code verifiedAbsent} is true only when the store was read back
 * after the removal and no longer held the grant.
 *
 * @param wasPresent whether the grant was still there to remove (false when a retry found it gone)
 */
public record Revocation(String grantId, boolean wasPresent, boolean verifiedAbsent) {}
