package io.keyward.activities.audit;

import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.audit.ChainVerification;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The audit trail as an append-only file of JSON lines, one sealed record per line in the form of
 * {@link AuditHashChain}.
 *
 * <p><b>Durability.</b> {@link #append} returns only after the line is forced to disk, so an
 * accepted event is never lost. Appends are serialized within the JVM and, through a lock on the
 * file, with other processes on the same machine (a network file system may not honour that lock:
 * keep the file on a local disk). Each append first reads what other processes appended, so the
 * chain and the event-id index stay whole.
 *
 * <p><b>Idempotence.</b> An event whose id is already stored is not written again: the stored
 * record comes back, even when the retried event differs (the first write wins).
 *
 * <p><b>Damage.</b> A last line without a newline is a torn write left by a crash during an append;
 * a line that cannot be read or a file shorter than already read means someone edited the file. In
 * all three cases {@link #verify()} reports it and {@link #append} throws {@link
 * AuditTrailDamagedException} for new events. Nothing is truncated automatically: an operator
 * inspects the file and removes the torn line.
 *
 * <p><b>Retention.</b> Runbook 9.1 keeps audit events for 2555 days (seven years). The store offers
 * no deletion and never rotates or prunes the file; archive it whole, and keep archives for at
 * least that long, because removing the oldest lines breaks the chain from the first one kept.
 *
 * <p>All file work runs on one thread owned by the store, so an interrupted caller cannot close the
 * file channel under the other callers (an interrupt closes a {@link FileChannel}).
 */
public final class JsonLinesAuditStore implements AuditStore {
  private final Path path;
  private final FileChannel channel;
  private final AuditHashChain chain = new AuditHashChain();
  private final ExecutorService io;

  private final Map<String, AuditRecord> byEventId = new HashMap<>();
  private final Map<String, List<AuditRecord>> bySubject = new HashMap<>();
  private long indexedBytes;
  private long nextLineNumber = 1;
  private AuditRecord last;
  private String damage;
  private boolean closed;

  private JsonLinesAuditStore(Path path, FileChannel channel, ExecutorService io) {
    this.path = path;
    this.channel = channel;
    this.io = io;
  }

  /**
   * Opens the audit file, creating it and its directory when missing, and reads it whole to index
   * its event ids. A damaged file opens (so that it can be verified) but refuses new events.
   */
  public static JsonLinesAuditStore open(Path file) {
    ExecutorService io =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "keyward-audit-file");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Future<JsonLinesAuditStore> opened = io.submit(() -> openOnIoThread(file, io));
      return await(opened, file);
    } catch (RuntimeException e) {
      io.shutdownNow();
      throw e;
    }
  }

  private static JsonLinesAuditStore openOnIoThread(Path file, ExecutorService io)
      throws IOException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    boolean created = !Files.exists(absolute);
    FileChannel channel =
        FileChannel.open(
            absolute, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (created) {
      forceDirectory(absolute.getParent());
    }
    JsonLinesAuditStore store = new JsonLinesAuditStore(absolute.toRealPath(), channel, io);
    try {
      PathLocks.locked(store.path, channel, true, () -> store.catchUp());
    } catch (IOException | RuntimeException e) {
      PathLocks.inJvm(store.path, () -> closeQuietly(channel));
      throw e;
    }
    return store;
  }

  @Override
  public synchronized AuditRecord append(AuditEvent event) {
    AuditHashChain.requireValid(event);
    return run(() -> PathLocks.locked(path, channel, false, () -> appendLocked(event)));
  }

  @Override
  public synchronized List<AuditRecord> recordsFor(String subject) {
    return run(
        () ->
            PathLocks.locked(
                path,
                channel,
                true,
                () -> {
                  catchUp();
                  return List.copyOf(bySubject.getOrDefault(subject, List.of()));
                }));
  }

  /** Walks the file on disk from its first line, independent of what this store has indexed. */
  @Override
  public synchronized ChainVerification verify() {
    return run(
        () ->
            PathLocks.locked(path, channel, true, () -> AuditFileVerifier.verify(channel, chain)));
  }

  /** The file this store writes, for messages and for {@link VerifyAuditTrail}. */
  public Path path() {
    return path;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      await(io.submit(() -> PathLocks.inJvm(path, () -> closeQuietly(channel))), path);
    } finally {
      io.shutdown();
    }
  }

  private AuditRecord appendLocked(AuditEvent event) throws IOException {
    catchUp();
    AuditRecord existing = byEventId.get(event.eventId());
    if (existing != null) {
      return existing;
    }
    if (damage != null) {
      throw new AuditTrailDamagedException(
          "audit trail "
              + path
              + " is damaged: "
              + damage
              + "; refusing to append until an operator has verified and repaired it");
    }
    long sequence = last == null ? 1 : last.sequence() + 1;
    String previousHash = last == null ? AuditHashChain.GENESIS_HASH : last.hash();
    AuditRecord record = chain.seal(sequence, event, previousHash);
    byte[] line = (chain.toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
    write(line);
    indexedBytes += line.length;
    nextLineNumber++;
    index(record);
    return record;
  }

  /** Writes at the end and forces to disk; a failed write is rolled back, never left torn. */
  private void write(byte[] line) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(line);
    long position = indexedBytes;
    try {
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      channel.force(true);
    } catch (IOException e) {
      try {
        channel.truncate(indexedBytes);
        channel.force(true);
      } catch (IOException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  /** Indexes the complete lines written since the last look, by this process or another. */
  private Void catchUp() throws IOException {
    long size = channel.size();
    if (size < indexedBytes) {
      noteDamage(
          "the file has "
              + size
              + " bytes but "
              + indexedBytes
              + " were already read from it: it was truncated or replaced");
      return null;
    }
    if (size == indexedBytes) {
      return null;
    }
    JsonLines.read(
        channel,
        indexedBytes,
        nextLineNumber,
        line -> {
          if (!line.terminated()) {
            noteDamage(
                "line "
                    + line.number()
                    + " is a torn partial write after record #"
                    + (last == null ? 0 : last.sequence())
                    + " (a crash interrupted an append)");
            return false;
          }
          indexedBytes = line.endOffset();
          nextLineNumber = line.number() + 1;
          try {
            if (line.text() == null) {
              throw new IllegalArgumentException("not valid UTF-8");
            }
            index(chain.fromJson(line.text()));
          } catch (IllegalArgumentException e) {
            noteDamage("line " + line.number() + " cannot be read: " + e.getMessage());
          }
          return true;
        });
    return null;
  }

  private void noteDamage(String problem) {
    if (damage == null) {
      damage = problem;
    }
  }

  private void index(AuditRecord record) {
    byEventId.putIfAbsent(record.event().eventId(), record);
    bySubject.computeIfAbsent(record.event().subject(), s -> new ArrayList<>()).add(record);
    last = record;
  }

  private <T> T run(PathLocks.IoAction<T> action) {
    if (closed) {
      throw new IllegalStateException("audit store for " + path + " is closed");
    }
    return await(io.submit(action::run), path);
  }

  private static <T> T await(Future<T> future, Path file) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          new InterruptedIOException(
              "interrupted while waiting for the audit file "
                  + file
                  + "; the operation may still complete, so retry with the same event id"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw new UncheckedIOException("audit file " + file + ": " + io.getMessage(), io);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static void forceDirectory(Path directory) {
    if (directory == null) {
      return;
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every platform can sync a directory; the file itself is forced on every append.
    }
  }

  private static Void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Every append was forced to disk before it returned, so there is nothing left to lose.
    }
    return null;
  }
}
