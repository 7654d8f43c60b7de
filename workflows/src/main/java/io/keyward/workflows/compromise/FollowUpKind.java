package io.keyward.workflows.compromise;

import static io.keyward.workflows.common.Role.CISO;
import static io.keyward.workflows.common.Role.SECURITY_ENGINEER;
import static io.keyward.workflows.common.Role.SECURITY_OPERATIONS;
import static io.keyward.workflows.common.Role.SECURITY_TEAM_LEAD;

import io.keyward.workflows.common.Role;
import java.time.Duration;
import java.util.Set;

/**
 * The long-term response of runbook 11.1 (4 hours to 30 days) as human tasks, each with who owns it
 * and how long after the response reached follow-up it is due.
 */
public enum FollowUpKind {
  /** Runbook 11.1 step 5. */
  ROOT_CAUSE_ANALYSIS(
      "Root cause analysis", Duration.ofDays(7), Set.of(SECURITY_TEAM_LEAD, SECURITY_ENGINEER)),
  /** Runbook 11.1 step 6. */
  SECURITY_CONTROL_ENHANCEMENT(
      "Security control enhancement", Duration.ofDays(30), Set.of(SECURITY_TEAM_LEAD, CISO)),
  /** Runbook 11.1 step 7. */
  LESSONS_LEARNED(
      "Lessons learned documentation",
      Duration.ofDays(30),
      Set.of(SECURITY_TEAM_LEAD, SECURITY_OPERATIONS));

  private final String title;
  private final Duration dueAfter;
  private final Set<Role> owners;

  FollowUpKind(String title, Duration dueAfter, Set<Role> owners) {
    this.title = title;
    this.dueAfter = dueAfter;
    this.owners = owners;
  }

  /** The task a path or a form names ({@code ROOT_CAUSE_ANALYSIS}); a clear refusal otherwise. */
  public static FollowUpKind named(String task) {
    try {
      return valueOf(task);
    } catch (IllegalArgumentException | NullPointerException unknown) {
      throw new IllegalArgumentException(
          "no task '" + task + "'; tasks are " + java.util.Arrays.toString(values()));
    }
  }

  public String title() {
    return title;
  }

  public Duration dueAfter() {
    return dueAfter;
  }

  /** The roles that may complete the task. */
  public Set<Role> owners() {
    return owners;
  }
}
