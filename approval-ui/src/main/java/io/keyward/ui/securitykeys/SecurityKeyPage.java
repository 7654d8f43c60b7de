package io.keyward.ui.securitykeys;

import io.keyward.api.webauthn.SecurityKeyView;
import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import io.keyward.workflows.webauthn.HeldCredentials;
import java.util.List;

/**
 * What {@code /ui/security-keys} shows: the person's own keys with a revoke button, a button that
 * registers a new one, and to a security team lead the keys of others waiting for approval.
 */
public record SecurityKeyPage(Layout layout, List<Row> mine, List<Row> waiting, boolean lead) {
  /** One key. */
  public record Row(
      String id,
      String shortId,
      String person,
      String state,
      String registeredAt,
      String approvedBy,
      String revokedBy,
      boolean revocable) {}

  static Row row(SecurityKeyView key) {
    return new Row(
        key.credentialId(),
        HeldCredentials.shortId(key.credentialId()),
        key.person(),
        key.state(),
        Times.format(key.registeredAt()),
        key.approvedBy(),
        key.revokedBy(),
        !"REVOKED".equals(key.state()));
  }

  public boolean hasMine() {
    return !mine.isEmpty();
  }

  public boolean hasWaiting() {
    return !waiting.isEmpty();
  }
}
