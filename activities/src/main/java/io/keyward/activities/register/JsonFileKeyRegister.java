package io.keyward.activities.register;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.register.RegisterChange;
import io.keyward.workflows.register.RegisterEntries;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.register.RegisteredKey;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded key register: one JSON file holding every entry and every change, which the worker
 * (writing) and the API (reading) open by path, in one process or in two on the same machine.
 *
 * <p>Every call reads the file afresh. A change holds this JVM's lock for the path and a file lock
 * on {@code <file>.lock}, writes a temporary file readable by its owner only, forces it to disk and
 * moves it over the register atomically: a reader sees the old or the new register, never half of
 * one. Keep the file on a local disk; a shared deployment keeps the register in a database behind
 * the same interface.
 */
public final class JsonFileKeyRegister implements KeyRegister {
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Path lockFile;

  private JsonFileKeyRegister(Path file) {
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
  }

  /** Opens (creating its directory when missing) the register at {@code file}. */
  public static JsonFileKeyRegister open(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of key register " + absolute, e);
    }
    return new JsonFileKeyRegister(absolute);
  }

  /**
   * Where a deployment keeps its register: {@code <data>/register/keys.json} for an audit trail at
   * {@code <data>/audit/audit.jsonl}, so a worker and an API that share a data directory find the
   * same file without being told.
   */
  public static Path besideAuditTrail(Path auditFile) {
    Path auditDir = auditFile.toAbsolutePath().normalize().getParent();
    Path dataDir = auditDir.getParent() == null ? auditDir : auditDir.getParent();
    return dataDir.resolve("register").resolve("keys.json");
  }

  public Path path() {
    return file;
  }

  @Override
  public Optional<RegisteredKey> find(KeyRef key) {
    return Optional.ofNullable(locked(this::read).keys().get(key.toString()));
  }

  @Override
  public List<RegisterChange> history(KeyRef key) {
    return locked(this::read).history().getOrDefault(key.toString(), List.of());
  }

  @Override
  public Optional<RegisteredKey> apply(RegisterUpdate update) {
    return locked(
        () -> {
          RegisterFile register = read();
          String name = update.key().toString();
          List<RegisterChange> history = register.history().getOrDefault(name, List.of());
          RegisterEntries.Applied applied =
              RegisterEntries.apply(
                  Optional.ofNullable(register.keys().get(name)), history, update);
          Optional<RegisteredKey> before = Optional.ofNullable(register.keys().get(name));
          if (applied.entry().isPresent() && !applied.entry().equals(before)) {
            Map<String, RegisteredKey> keys = new TreeMap<>(register.keys());
            keys.put(name, applied.entry().get());
            Map<String, List<RegisterChange>> all = new TreeMap<>(register.history());
            List<RegisterChange> grown = new ArrayList<>(history);
            grown.addAll(applied.changes());
            all.put(name, grown);
            write(new RegisterFile(keys, all));
          }
          return applied.entry();
        });
  }

  @Override
  public List<RegisteredKey> all() {
    return List.copyOf(new TreeMap<>(locked(this::read).keys()).values());
  }

  /** The file's content: entries and histories by {@code vault/name}. */
  private record RegisterFile(
      Map<String, RegisteredKey> keys, Map<String, List<RegisterChange>> history) {
    RegisterFile {
      keys = keys == null ? Map.of() : keys;
      history = history == null ? Map.of() : history;
    }
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
      throw new UncheckedIOException("key register " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private RegisterFile read() throws IOException {
    if (!Files.exists(file)) {
      return new RegisterFile(Map.of(), Map.of());
    }
    return JSON.readValue(file.toFile(), RegisterFile.class);
  }

  private void write(RegisterFile register) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's access control applies.
      }
      byte[] bytes = JSON.writeValueAsBytes(register);
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
}
