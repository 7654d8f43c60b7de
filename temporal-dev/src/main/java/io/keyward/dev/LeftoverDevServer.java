package io.keyward.dev;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Temporal dev server that an earlier dev mode started on the same database and left running when
 * it died without stopping it ({@code kill -9}, a crash, a lost terminal). Found by the database
 * file on its command line; stopped before the next start so that its ports and its SQLite file are
 * free again. A server whose parent Keyward is still alive is not a leftover: that Keyward is
 * running, and the start is refused with its pid.
 */
final class LeftoverDevServer {
  private static final Logger LOG = LoggerFactory.getLogger(LeftoverDevServer.class);
  private static final Duration GRACE = Duration.ofSeconds(10);

  private LeftoverDevServer() {}

  /**
   * Stops every orphaned dev server on {@code database} (SIGTERM, SIGKILL after ten seconds).
   *
   * @throws IllegalStateException when a live process still owns a dev server on the database
   */
  static void stopAnyOn(Path database) {
    String file = database.toAbsolutePath().toString();
    List<ProcessHandle> servers =
        ProcessHandle.allProcesses().filter(process -> servesDatabase(process, file)).toList();
    for (ProcessHandle server : servers) {
      Optional<ProcessHandle> owner = server.parent().filter(LeftoverDevServer::isKeyward);
      if (owner.isPresent()) {
        throw new IllegalStateException(
            "Keyward (pid "
                + owner.get().pid()
                + ") is already running on "
                + file
                + "; stop it first (Ctrl-C in its terminal, or kill "
                + owner.get().pid()
                + ")");
      }
      LOG.warn(
          "A Temporal dev server (pid {}) left running by an earlier Keyward holds {}: stopping it",
          server.pid(),
          file);
      stop(server);
    }
  }

  private static boolean servesDatabase(ProcessHandle process, String database) {
    if (process.pid() == ProcessHandle.current().pid()) {
      return false;
    }
    Optional<String[]> arguments = process.info().arguments();
    return arguments.isPresent()
        && Arrays.asList(arguments.get()).contains("start-dev")
        && Arrays.asList(arguments.get()).contains(database);
  }

  private static boolean isKeyward(ProcessHandle parent) {
    return parent
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString().startsWith("java"))
        .orElse(false);
  }

  private static void stop(ProcessHandle server) {
    server.destroy();
    try {
      server.onExit().get(GRACE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException stillRunning) {
      LOG.warn("The Temporal dev server (pid {}) ignored SIGTERM: killing it", server.pid());
      server.destroyForcibly();
      server.onExit().join();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping pid " + server.pid());
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible.getCause());
    }
  }
}
