package io.keyward.workflows.ceremony;

import java.time.Instant;

/** Where a ceremony keeps the lines of its history that people read (its rules class). */
@FunctionalInterface
public interface Timeline {
  /** A ceremony without a timeline of its own (its audit trail is its history). */
  Timeline NONE = (at, actor, action, detail) -> {};

  void record(Instant at, String actor, String action, String detail);
}
