package io.keyward.ui.keys;

import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import java.time.Instant;
import java.util.List;

/** The key list as its template shows it. */
public record KeyListPage(
    Layout layout, List<Row> rows, boolean allKeys, String note, int unreadable) {

  /** A key with its dates written out. */
  public record Row(
      String key,
      String classification,
      String spec,
      String versions,
      boolean enabled,
      String expires,
      String expiresRelative,
      String nextRotation,
      String rotationNote,
      String owner,
      String href) {
    /** A long version id cut to its first 12 characters; the full one is in the cell's title. */
    public String versionShort() {
      return versions.length() > 12 ? versions.substring(0, 12) + "…" : versions;
    }
  }

  static Row row(ManagedKey key, Instant now) {
    return new Row(
        key.key(),
        key.classification(),
        key.spec(),
        key.versions(),
        key.enabled(),
        Times.day(key.expires()),
        Times.relative(key.expires(), now),
        Times.day(key.nextRotation()),
        key.rotationNote(),
        key.owner(),
        key.href());
  }

  public boolean empty() {
    return rows.isEmpty();
  }

  public boolean someUnreadable() {
    return unreadable > 0;
  }
}
