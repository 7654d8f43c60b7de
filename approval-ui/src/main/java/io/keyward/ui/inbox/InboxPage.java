package io.keyward.ui.inbox;

import io.keyward.ui.pages.Layout;
import io.keyward.ui.pages.Times;
import java.time.Instant;
import java.util.List;

/** The inbox as its template shows it. */
public record InboxPage(
    Layout layout,
    List<Row> rows,
    String note,
    int unanswered,
    boolean truncated,
    String nextHref,
    String firstHref) {

  static final String PATH = "/ui/inbox";

  /** A row with its times written out. */
  public record Row(
      String task,
      String href,
      String key,
      String classification,
      String askedBy,
      String since,
      String sinceRelative,
      String due,
      String dueRelative,
      boolean overdue,
      boolean ownRequest) {}

  static InboxPage of(Layout layout, Inbox.Contents contents, Instant now) {
    List<Row> rows =
        contents.rows().stream()
            .map(
                row ->
                    new Row(
                        row.task(),
                        row.href(),
                        row.key(),
                        row.classification(),
                        row.askedBy(),
                        Times.format(row.since()),
                        Times.relative(row.since(), now),
                        Times.format(row.due()),
                        Times.relative(row.due(), now),
                        row.due() != null && row.due().isBefore(now),
                        row.ownRequest()))
            .toList();
    Listing listing = contents.listing();
    InboxPaging paging = contents.paging();
    String size = paging.size() == InboxPaging.DEFAULT_SIZE ? "" : "size=" + paging.size();
    return new InboxPage(
        layout,
        rows,
        contents.note().orElse(null),
        contents.unanswered(),
        listing.truncated() && listing.next() == null,
        listing.next() == null
            ? null
            : PATH + "?page=" + listing.next() + (size.isEmpty() ? "" : "&" + size),
        paging.firstPage() ? null : PATH + (size.isEmpty() ? "" : "?" + size));
  }

  /** Changes when a row comes, goes or moves to another step; the open inbox then reloads. */
  public String revision() {
    return revision(rows);
  }

  static String revision(List<Row> rows) {
    StringBuilder text = new StringBuilder();
    for (Row row : rows) {
      text.append(row.href()).append('|').append(row.task()).append(';');
    }
    return Integer.toHexString(text.toString().hashCode()) + "." + rows.size();
  }

  public boolean empty() {
    return rows.isEmpty();
  }

  public boolean someUnanswered() {
    return unanswered > 0;
  }
}
