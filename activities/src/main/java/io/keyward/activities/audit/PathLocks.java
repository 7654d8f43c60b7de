package io.keyward.activities.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes access to one audit file across threads, store instances in this JVM and other
 * processes on the machine. A file lock alone is not enough: the JVM refuses a second lock on a
 * file it already locks, and on Linux closing any channel of a file drops every lock this process
 * holds on it. So each path also has one JVM-wide lock, held around every file lock and every
 * close.
 */
final class PathLocks {
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  @FunctionalInterface
  interface IoAction<T> {
    T run() throws IOException;
  }

  private PathLocks() {}

  /**
   * Runs {@code action} holding this JVM's lock on {@code realPath} only (for opening, closing).
   */
  static <T> T inJvm(Path realPath, IoAction<T> action) throws IOException {
    ReentrantLock lock = LOCKS.computeIfAbsent(realPath, p -> new ReentrantLock());
    lock.lock();
    try {
      return action.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code action} holding this JVM's lock and a file lock on the whole file: exclusive for
   * writers, shared for readers (a shared lock needs only a readable channel).
   */
  @SuppressWarnings("try") // the resource is a lock, held for the block and never referenced
  static <T> T locked(Path realPath, FileChannel channel, boolean shared, IoAction<T> action)
      throws IOException {
    return inJvm(
        realPath,
        () -> {
          try (FileLock ignored = channel.lock(0, Long.MAX_VALUE, shared)) {
            return action.run();
          }
        });
  }
}
