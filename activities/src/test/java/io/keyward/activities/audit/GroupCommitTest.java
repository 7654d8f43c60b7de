package io.keyward.activities.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit: callers that arrive while a write is under way share the next write, each gets its
 * own result, and a failed write fails every caller in it and no other.
 */
class GroupCommitTest {
  private final ExecutorService callers = Executors.newFixedThreadPool(8);
  private final List<List<String>> writes = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch firstWriteStarted = new CountDownLatch(1);
  private final CountDownLatch firstWriteMayEnd = new CountDownLatch(1);

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  /** Holds the first write until released; fails a write that holds "bad". */
  private List<String> write(List<String> items) {
    writes.add(List.copyOf(items));
    if (writes.size() == 1) {
      firstWriteStarted.countDown();
      try {
        firstWriteMayEnd.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    if (items.contains("bad")) {
      throw new IllegalStateException("the database refused the write");
    }
    return items.stream().map(item -> item + " written").toList();
  }

  @Test
  void callersArrivingDuringAWriteShareTheNextAndEachGetsItsOwnResult() throws Exception {
    GroupCommit<String, String> commit = new GroupCommit<>(this::write, 100);
    Future<String> first = callers.submit(() -> commit.write("first"));
    firstWriteStarted.await();
    List<Future<String>> others = new ArrayList<>();
    for (String item : List.of("b", "c", "d", "e")) {
      others.add(callers.submit(() -> commit.write(item)));
    }
    awaitWaiting(commit, 4);

    firstWriteMayEnd.countDown();

    assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("first written");
    List<String> results = new ArrayList<>();
    for (Future<String> other : others) {
      results.add(other.get(1, TimeUnit.MINUTES));
    }
    assertThat(results).containsExactly("b written", "c written", "d written", "e written");
    assertThat(writes).hasSize(2);
    assertThat(writes.get(0)).containsExactly("first");
    assertThat(writes.get(1)).containsExactlyInAnyOrder("b", "c", "d", "e");
  }

  @Test
  void aFailedWriteFailsEveryCallerInItAndNoOther() throws Exception {
    GroupCommit<String, String> commit = new GroupCommit<>(this::write, 100);
    Future<String> first = callers.submit(() -> commit.write("first"));
    firstWriteStarted.await();
    List<Future<String>> others = new ArrayList<>();
    for (String item : List.of("b", "bad", "d")) {
      others.add(callers.submit(() -> commit.write(item)));
    }
    awaitWaiting(commit, 3);

    firstWriteMayEnd.countDown();

    assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("first written");
    for (Future<String> other : others) {
      assertThatThrownBy(() -> other.get(1, TimeUnit.MINUTES))
          .hasRootCauseMessage("the database refused the write");
    }
    assertThat(commit.write("after")).isEqualTo("after written");
  }

  @Test
  void aWriteTakesAtMostTheBatchAndTheRestFollowInTheNext() throws Exception {
    GroupCommit<String, String> commit = new GroupCommit<>(this::write, 2);
    Future<String> first = callers.submit(() -> commit.write("first"));
    firstWriteStarted.await();
    List<Future<String>> others = new ArrayList<>();
    for (String item : List.of("b", "c", "d", "e", "f")) {
      others.add(callers.submit(() -> commit.write(item)));
    }
    awaitWaiting(commit, 5);

    firstWriteMayEnd.countDown();

    first.get(1, TimeUnit.MINUTES);
    for (Future<String> other : others) {
      other.get(1, TimeUnit.MINUTES);
    }
    assertThat(writes).allSatisfy(write -> assertThat(write).hasSizeLessThanOrEqualTo(2));
    assertThat(writes.stream().flatMap(List::stream))
        .containsExactlyInAnyOrder("first", "b", "c", "d", "e", "f");
  }

  /** Waits (without a clock) until {@code count} callers queue behind the held write. */
  private static void awaitWaiting(GroupCommit<String, String> commit, int count) {
    while (commit.waiting() < count) {
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
