package io.keyward.workflows.compromise;

import io.keyward.workflows.common.Role;
import java.time.Instant;
import java.util.Set;

/** One long-term task of the response and how far it got. */
public record FollowUpTask(
    FollowUpKind kind,
    String title,
    Set<Role> owners,
    Instant dueAt,
    boolean overdue,
    String completedBy,
    Instant completedAt,
    String summary) {
  public FollowUpTask {
    owners = owners == null ? Set.of() : Set.copyOf(owners);
  }

  static FollowUpTask open(FollowUpKind kind, Instant dueAt) {
    return new FollowUpTask(kind, kind.title(), kind.owners(), dueAt, false, null, null, null);
  }

  FollowUpTask markedOverdue() {
    return new FollowUpTask(kind, title, owners, dueAt, true, null, null, null);
  }

  FollowUpTask completed(String by, Instant at, String text) {
    return new FollowUpTask(kind, title, owners, dueAt, overdue, by, at, text);
  }

  boolean done() {
    return completedBy != null;
  }
}
