package io.keyward.activities.dependencies;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.DependencyMap;
import io.keyward.workflows.dependencies.DependencyMapRules;
import io.keyward.workflows.dependencies.KeyDependent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The dependency map as one JSON file ({@code {"vault/name": [{"application", "owner",
 * "contact"}]}}), read on every call so that the worker and the API, in one process or two, see
 * each other's changes. A change is written to a temporary file and moved over the old one, so a
 * reader never sees half a file; changes are serialized by a JVM-wide lock and a file lock on
 * {@code <file>.lock}. Meant for a single machine; a shared deployment keeps the map in a database
 * behind the same interface.
 */
public final class JsonFileDependencyMap implements DependencyMap {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final TypeReference<Map<String, List<KeyDependent>>> SHAPE =
      new TypeReference<>() {};
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;

  public JsonFileDependencyMap(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
  }

  /**
   * Where the map lives for a deployment whose audit trail is {@code auditFile}: {@code
   * <dataDir>/dependencies/dependency-map.json} beside {@code <dataDir>/audit/}, so the worker and
   * the API find the same file from the one setting they share.
   */
  public static Path besideAuditTrail(Path auditFile) {
    Path auditDir = auditFile.toAbsolutePath().normalize().getParent();
    Path dataDir = auditDir.getParent() == null ? auditDir : auditDir.getParent();
    return dataDir.resolve("dependencies").resolve("dependency-map.json");
  }

  public Path path() {
    return file;
  }

  @Override
  public List<KeyDependent> dependentsOf(KeyRef key) {
    return locked(() -> read().getOrDefault(key.toString(), List.of()));
  }

  @Override
  public void replace(KeyRef key, List<KeyDependent> dependents) {
    List<KeyDependent> checked = List.copyOf(DependencyMapRules.requireValid(dependents));
    locked(
        () -> {
          Map<String, List<KeyDependent>> map = read();
          if (checked.isEmpty()) {
            map.remove(key.toString());
          } else {
            map.put(key.toString(), checked);
          }
          write(map);
          return null;
        });
  }

  @Override
  public Map<KeyRef, List<KeyDependent>> all() {
    return locked(
        () -> {
          Map<KeyRef, List<KeyDependent>> all = new LinkedHashMap<>();
          new TreeMap<>(read()).forEach((name, list) -> all.put(KeyRef.parse(name), list));
          return all;
        });
  }

  private Map<String, List<KeyDependent>> read() throws IOException {
    if (!Files.exists(file)) {
      return new TreeMap<>();
    }
    Map<String, List<KeyDependent>> map = JSON.readValue(file.toFile(), SHAPE);
    Map<String, List<KeyDependent>> copy = new TreeMap<>();
    map.forEach((key, list) -> copy.put(key, List.copyOf(list)));
    return copy;
  }

  private void write(Map<String, List<KeyDependent>> map) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(temporary.toFile(), new TreeMap<>(map));
    try {
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException notAtomic) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @SuppressWarnings("try") // the resource is a lock, held for the block and never referenced
  private <T> T locked(IoAction<T> action) {
    ReentrantLock lock = LOCKS.computeIfAbsent(file, p -> new ReentrantLock());
    lock.lock();
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return action.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the dependency map " + file + " cannot be read or written", e);
    } finally {
      lock.unlock();
    }
  }

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }
}
