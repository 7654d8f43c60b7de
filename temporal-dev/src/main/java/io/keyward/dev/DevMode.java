package io.keyward.dev;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dropwizard.logging.common.BootstrapLogging;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Runs Keyward on a laptop in one process: {@code temporal-dev/start}, or {@code java -jar
 * temporal-dev/target/keyward-temporal-dev-*.jar [config.yml]} from the repository root. Settings
 * come from the environment (see {@link DevSettings#fromEnvironment}); Ctrl-C stops everything.
 */
public final class DevMode {
  private DevMode() {}

  public static void main(String[] args) throws InterruptedException {
    BootstrapLogging.bootstrap(Level.INFO);
    ((Logger) LoggerFactory.getLogger("io.temporal")).setLevel(Level.WARN);
    Map<String, String> env = System.getenv();
    LocalKeyward keyward;
    try {
      keyward =
          LocalKeyward.start(DevSettings.fromEnvironment(env, List.of(args), Path.of("")), env);
    } catch (Exception failure) {
      System.err.println("\nKeyward did not start: " + failure.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping Keyward: API, worker, Temporal ...");
                  keyward.close();
                  stopped.countDown();
                },
                "keyward-dev-shutdown"));
    System.out.println(DevBanner.text(keyward, env));
    stopped.await();
  }
}
