package io.keyward.activities.hsm;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.keyward.workflows.common.KeyRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The directory of key files: {@code <root>/<vault>/<name>.json}. A write goes to a temporary file
 * in the same directory, is forced to disk and then atomically moved over the old file, so a reader
 * sees the old or the new file, never a mix. Writers of one key serialise on a per-key lock; the
 * store assumes one process owns the directory.
 */
final class KeyFileStore {
  private static final String SUFFIX = ".json";

  private final Path root;
  private final ConcurrentHashMap<KeyRef, ReentrantLock> locks = new ConcurrentHashMap<>();

  KeyFileStore(Path root) {
    this.root = root;
    createPrivateDirectory(root);
  }

  Path root() {
    return root;
  }

  Path fileOf(KeyRef key) {
    return root.resolve(key.vault()).resolve(key.name() + SUFFIX);
  }

  /** Holds the key's write lock until closed. */
  Held lock(KeyRef key) {
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    return lock::unlock;
  }

  /** The key's file as stored; empty when the key has no file. */
  Optional<KeyFile> read(KeyRef key) {
    Path file = fileOf(key);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    }
    try {
      return Optional.of(KeyFileJson.MAPPER.readValue(bytes, KeyFile.class));
    } catch (IOException e) {
      throw new TamperedKeyFileException("key file " + file + " is not a Keyward key file");
    }
  }

  void write(KeyFile keyFile) {
    Path file = fileOf(keyFile.key());
    Path directory = file.getParent();
    createPrivateDirectory(directory);
    byte[] bytes;
    try {
      bytes = KeyFileJson.MAPPER.writeValueAsBytes(keyFile);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise key file for " + keyFile.key(), e);
    }
    Path temp = null;
    try {
      // createTempFile gives owner-only permissions on POSIX file systems.
      temp = Files.createTempFile(directory, "." + keyFile.name() + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key file " + file, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // A leftover temporary file is ignored by readers and harmless.
        }
      }
    }
  }

  /** Removes the key's file; true when there was one. */
  boolean delete(KeyRef key) {
    Path file = fileOf(key);
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete key file " + file, e);
    }
  }

  /** Every key with a file, sorted by vault and name. */
  List<KeyRef> keys() {
    List<KeyRef> keys = new ArrayList<>();
    try (DirectoryStream<Path> vaults = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path vault : vaults) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(vault, "*" + SUFFIX)) {
          for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - SUFFIX.length());
            keyRef(vault.getFileName().toString(), name).ifPresent(keys::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list key files in " + root, e);
    }
    keys.sort(Comparator.comparing(KeyRef::vault).thenComparing(KeyRef::name));
    return keys;
  }

  private static Optional<KeyRef> keyRef(String vault, String name) {
    try {
      return Optional.of(new KeyRef(vault, name));
    } catch (IllegalArgumentException notAKeyFile) {
      return Optional.empty();
    }
  }

  private static void createPrivateDirectory(Path directory) {
    if (Files.isDirectory(directory)) {
      return;
    }
    try {
      if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create key directory " + directory, e);
    }
  }

  /** A held lock; closing releases it. */
  @FunctionalInterface
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
