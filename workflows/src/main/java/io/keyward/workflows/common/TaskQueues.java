package io.keyward.workflows.common;

/** Task queue names shared by the worker and the starters. */
public final class TaskQueues {
  /** Key ceremonies: generation, rotation, break-glass, classification changes. */
  public static final String CEREMONIES = "keyward-ceremonies";

  private TaskQueues() {}

  /**
   * The queue of compromise responses beside the ceremonies queue {@code ceremonies}: {@code
   * <ceremonies>-compromise}. Its own queue and worker slots, so that a backlog of ordinary
   * ceremonies delays neither the disable's tasks nor the queries that watch it. Derived from the
   * ceremonies queue so that a deployment with its own queue name gets its own compromise queue.
   */
  public static String compromiseResponses(String ceremonies) {
    if (ceremonies == null || ceremonies.isBlank()) {
      throw new IllegalArgumentException("a task queue name is needed");
    }
    return ceremonies + "-compromise";
  }
}
