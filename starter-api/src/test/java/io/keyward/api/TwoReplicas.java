package io.keyward.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two running applications on one database, as two API replicas behind a load balancer without
 * sticky sessions, started before each test and stopped after it, with their data directory:
 * {@code @RegisterExtension final TwoReplicas replicas = new TwoReplicas();}
 */
public final class TwoReplicas implements BeforeEachCallback, AfterEachCallback {
  private Path data;
  private RunningKeyward first;
  private RunningKeyward second;

  public RunningKeyward first() {
    return first;
  }

  public RunningKeyward second() {
    return second;
  }

  /** Stops the first replica and starts it again on the same database. */
  public RunningKeyward restartFirst() throws Exception {
    first.close();
    first = null;
    first = RunningKeyward.start(data);
    return first;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    data = Files.createTempDirectory("keyward-replicas");
    first = RunningKeyward.start(data);
    second = RunningKeyward.start(data);
  }

  /**
   * Stops the replicas in the reverse order of their start: each puts back the configuration
   * override system properties it found when it started, so the last one started is stopped first
   * and no property of these replicas is left for the tests that run after them.
   */
  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    for (RunningKeyward replica : new RunningKeyward[] {second, first}) {
      if (replica != null) {
        replica.close();
      }
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
  }
}
