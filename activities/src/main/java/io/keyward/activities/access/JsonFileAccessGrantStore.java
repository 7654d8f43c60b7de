package io.keyward.activities.access;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.workflows.breakglass.AccessGrant;
import io.keyward.workflows.breakglass.AccessGrantStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The embedded grant store: one JSON file holding every grant not yet revoked, which the worker and
 * the API open by path (in one process or in two on the same machine).
 *
 * <p>Every call reads the file afresh, so a grant written by one process is seen by the other at
 * once. Changes hold a lock (this JVM's lock for the path, and a file lock on {@code <file>.lock}
 * against other processes), write a temporary file beside the store, force it to disk and move it
 * over the store atomically: a reader sees the old or the new file, never half of one. The file is
 * readable by its owner only. A network file system may not honour the file lock; keep the file on
 * a local disk.
 */
public final class JsonFileAccessGrantStore implements AccessGrantStore {
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Path lockFile;

  private JsonFileAccessGrantStore(Path file) {
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
  }

  /** Opens (creating its directory when missing) the store at {@code file}. */
  public static JsonFileAccessGrantStore open(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of grant store " + absolute, e);
    }
    return new JsonFileAccessGrantStore(absolute);
  }

  /**
   * Where a deployment keeps its grants by default: {@code <data>/access/grants.json} for an audit
   * trail at {@code <data>/audit/audit.jsonl}, so a worker and an API that share a data directory
   * find the same file without being told.
   */
  public static Path besideAuditTrail(Path auditFile) {
    Path auditDir = auditFile.toAbsolutePath().normalize().getParent();
    Path dataDir = auditDir.getParent() == null ? auditDir : auditDir.getParent();
    return dataDir.resolve("access").resolve("grants.json");
  }

  public Path path() {
    return file;
  }

  @Override
  public AccessGrant record(AccessGrant grant) {
    return change(
        grants -> {
          Optional<AccessGrant> existing = byId(grants, grant.grantId());
          if (existing.isPresent()) {
            return new Change<>(existing.get(), null);
          }
          List<AccessGrant> next = new ArrayList<>(grants);
          next.add(grant);
          return new Change<>(grant, next);
        });
  }

  @Override
  public Optional<AccessGrant> find(String grantId) {
    return byId(all(), grantId);
  }

  @Override
  public boolean remove(String grantId) {
    return change(
        grants -> {
          List<AccessGrant> next =
              grants.stream().filter(g -> !g.grantId().equals(grantId)).toList();
          return next.size() == grants.size()
              ? new Change<>(false, null)
              : new Change<>(true, next);
        });
  }

  @Override
  public List<AccessGrant> all() {
    return locked(this::read);
  }

  private record Change<T>(T answer, List<AccessGrant> next) {}

  private <T> T change(Function<List<AccessGrant>, Change<T>> change) {
    return locked(
        () -> {
          Change<T> result = change.apply(read());
          if (result.next() != null) {
            write(result.next());
          }
          return result.answer();
        });
  }

  private interface Io<T> {
    T run() throws IOException;
  }

  @SuppressWarnings("try") // the resource is a lock, held for the block and never referenced
  private <T> T locked(Io<T> action) {
    ReentrantLock lock = LOCKS.computeIfAbsent(file, p -> new ReentrantLock());
    lock.lock();
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return action.run();
    } catch (IOException e) {
      throw new UncheckedIOException("grant store " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private List<AccessGrant> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    GrantFile stored = JSON.readValue(file.toFile(), GrantFile.class);
    return stored.grants() == null ? List.of() : List.copyOf(stored.grants());
  }

  private void write(List<AccessGrant> grants) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's access control applies.
      }
      byte[] bytes = JSON.writeValueAsBytes(new GrantFile(grants));
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(bytes));
        out.force(true);
      }
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static Optional<AccessGrant> byId(List<AccessGrant> grants, String grantId) {
    return grants.stream().filter(g -> g.grantId().equals(grantId)).findFirst();
  }

  /** The file's content. */
  private record GrantFile(List<AccessGrant> grants) {}
}
