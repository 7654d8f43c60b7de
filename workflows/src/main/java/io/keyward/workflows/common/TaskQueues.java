package io.keyward.workflows.common;

/** Task queue names shared by the worker and the starters. */
public final class TaskQueues {
  /** Key ceremonies: generation, rotation, incidents. */
  public static final String CEREMONIES = "keyward-ceremonies";

  private TaskQueues() {}
}
