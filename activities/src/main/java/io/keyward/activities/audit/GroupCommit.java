package io.keyward.activities.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Lets the threads of one process that write at the same moment share one write (group commit):
 * each caller queues its item; while a write is under way the queue grows; the first waiter to find
 * no write under way takes everything queued (up to {@code maxBatch}, in the order queued) and
 * writes it with one call of the writer, then hands each caller its own result. A caller returns
 * only when the write that held its item is done: with its result, or, when that write failed, with
 * the failure, as every other caller of that write does. Nothing queued is dropped: an item not
 * taken by one write is in the next.
 *
 * @param <T> what a caller writes
 * @param <R> what a caller gets back for it
 */
final class GroupCommit<T, R> {
  private final Function<List<T>, List<R>> writer;
  private final int maxBatch;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private boolean writing;

  /**
   * @param writer writes the items in one go and answers one result per item, in their order; a
   *     {@link RuntimeException} fails every item it was given
   */
  GroupCommit(Function<List<T>, List<R>> writer, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
    }
    this.writer = writer;
    this.maxBatch = maxBatch;
  }

  /** Writes {@code item} with whatever else is queued, and answers its result. */
  R write(T item) {
    Waiting mine = new Waiting(item);
    List<Waiting> batch;
    boolean interrupted = false;
    synchronized (this) {
      queue.add(mine);
      while (writing && !mine.done) {
        try {
          wait();
        } catch (InterruptedException e) {
          // The item may be in a write under way already: its outcome is waited for.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (mine.done) {
        return mine.outcome();
      }
      batch = take(mine);
      writing = true;
    }
    try {
      finish(batch);
    } finally {
      synchronized (this) {
        writing = false;
        notifyAll();
      }
    }
    return mine.outcome();
  }

  /** How many callers wait for a write under way to end (for tests). */
  synchronized int waiting() {
    return queue.size();
  }

  /**
   * The queued items in their order, as many as a write takes, {@code mine} always among them (the
   * others after the last place left for it wait for the next write).
   */
  private List<Waiting> take(Waiting mine) {
    List<Waiting> batch = new ArrayList<>();
    boolean mineTaken = false;
    Iterator<Waiting> queued = queue.iterator();
    while (queued.hasNext() && batch.size() < maxBatch) {
      Waiting next = queued.next();
      if (next == mine || mineTaken || batch.size() < maxBatch - 1) {
        batch.add(next);
        queued.remove();
        mineTaken |= next == mine;
      }
    }
    return batch;
  }

  private void finish(List<Waiting> batch) {
    List<R> results;
    try {
      results = writer.apply(batch.stream().map(waiting -> waiting.item).toList());
      if (results.size() != batch.size()) {
        throw new IllegalStateException(
            "the writer answered " + results.size() + " results for " + batch.size() + " items");
      }
    } catch (RuntimeException failure) {
      synchronized (this) {
        batch.forEach(waiting -> waiting.fail(failure));
      }
      return;
    }
    synchronized (this) {
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).succeed(results.get(i));
      }
    }
  }

  /** A caller's item and, once written, its outcome; guarded by the {@link GroupCommit}. */
  private final class Waiting {
    private final T item;
    private final Thread caller = Thread.currentThread();
    private boolean done;
    private R result;
    private RuntimeException failure;

    Waiting(T item) {
      this.item = item;
    }

    void succeed(R value) {
      result = value;
      done = true;
    }

    /** The writer's own failure for the caller that wrote; the same, wrapped, for the others. */
    void fail(RuntimeException writeFailure) {
      failure =
          caller == Thread.currentThread()
              ? writeFailure
              : new IllegalStateException(writeFailure.getMessage(), writeFailure);
      done = true;
    }

    R outcome() {
      if (failure != null) {
        throw failure;
      }
      return result;
    }
  }
}
