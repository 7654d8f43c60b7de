package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dev mode killed with {@code kill -9} in the middle of a ceremony, as a crash or a lost terminal
 * does: the JVM runs as a process of its own, so that it can die without running its shutdown hook.
 * The Temporal dev server it started outlives it; the next start finds that server on its database,
 * stops it and says so, and the ceremony goes on with the vote cast before the crash.
 */
class DevModeCrashRecoveryTest {
  private static final String CEREMONY = "/api/generations/kv-crash/ledger-signing";
  private static final Duration START_WAIT = Duration.ofMinutes(2);

  @TempDir Path dir;

  private Path cli;
  private final List<Process> started = new ArrayList<>();
  private final List<ProcessHandle> servers = new ArrayList<>();

  @BeforeEach
  void requireTemporalCli() {
    cli = RequiredTemporalCli.get();
  }

  @AfterEach
  void killWhatIsLeft() {
    servers.forEach(ProcessHandle::destroyForcibly);
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Test
  void aKilledDevModeLeavesNothingThatBlocksTheNextStartAndItsCeremonyGoesOn() throws Exception {
    Map<String, String> env =
        Map.of(
            DevSettings.HTTP_PORT, port(DevSettings.HTTP_PORT),
            DevSettings.ADMIN_PORT, port(DevSettings.ADMIN_PORT),
            DevSettings.TEMPORAL_PORT, port(DevSettings.TEMPORAL_PORT),
            DevSettings.TEMPORAL_UI_PORT, port(DevSettings.TEMPORAL_UI_PORT),
            DevSettings.DATA_DIR, dir.resolve("data").toString(),
            TemporalCli.ENV, cli.toString());

    Process first = startDevMode(env, dir.resolve("first.log"));
    DemoUserHttp api = awaitApi(first, env, dir.resolve("first.log"));
    DemoUserHttp.Answer requested =
        api.post(
            "alice",
            "/api/generations",
            Map.of(
                "vault", "kv-crash",
                "name", "ledger-signing",
                "classification", "SECRET",
                "spec", Map.of("type", "EC", "curve", "P_384", "operations", List.of("SIGN")),
                "justification", "Signing ledger exports"));
    assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);
    assertThat(decide(api, "olivia").phase()).isEqualTo("AWAITING_APPROVAL");

    ProcessHandle server = devServerOf(first);
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(first.isAlive()).isFalse();
    assertThat(server.isAlive()).as("the dev server outlives a killed JVM by itself").isTrue();

    Process second = startDevMode(env, dir.resolve("second.log"));
    api = awaitApi(second, env, dir.resolve("second.log"));
    assertThat(server.isAlive()).isFalse();
    assertThat(Files.readString(dir.resolve("second.log")))
        .contains(
            "A Temporal dev server (pid "
                + server.pid()
                + ") left running by an earlier Keyward holds");

    DemoUserHttp.Answer resumed = api.get("alice", CEREMONY);
    assertThat(resumed.phase()).isEqualTo("AWAITING_APPROVAL");
    assertThat(resumed.body().path("approvers").toString()).isEqualTo("[\"olivia\"]");
    assertThat(decide(api, "lena").phase()).isEqualTo("AWAITING_GENERATION");

    ProcessHandle secondServer = devServerOf(second);
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops dev mode").isTrue();
    secondServer.onExit().get(30, TimeUnit.SECONDS);
    assertThat(secondServer.isAlive()).as("a stopped dev mode stops its dev server").isFalse();
  }

  private Process startDevMode(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DevMode.class.getName(),
                Path.of("config", "dev.yml").toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static DemoUserHttp awaitApi(Process devMode, Map<String, String> env, Path log)
      throws Exception {
    DemoUserHttp api =
        new DemoUserHttp(URI.create("http://localhost:" + env.get(DevSettings.HTTP_PORT) + "/"));
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!devMode.isAlive()) {
        fail("dev mode exited (" + devMode.exitValue() + "): " + Files.readString(log));
      }
      try {
        if (api.get("alice", CEREMONY).status() != 0) {
          return api;
        }
      } catch (IOException notYet) {
        devMode.onExit().completeOnTimeout(devMode, 250, TimeUnit.MILLISECONDS).join();
      }
    }
    return fail("dev mode did not answer within " + START_WAIT + ": " + Files.readString(log));
  }

  private ProcessHandle devServerOf(Process devMode) {
    ProcessHandle server =
        devMode
            .descendants()
            .filter(
                p -> p.info().arguments().map(a -> List.of(a).contains("start-dev")).orElse(false))
            .findFirst()
            .orElseThrow(() -> new AssertionError("dev mode runs no Temporal dev server"));
    servers.add(server);
    return server;
  }

  private static DemoUserHttp.Answer decide(DemoUserHttp api, String user) throws Exception {
    DemoUserHttp.Answer answer =
        api.post(user, CEREMONY + "/decisions", Map.of("decision", "APPROVE"));
    assertThat(answer.status()).as(user + ": " + answer.body()).isEqualTo(200);
    return answer;
  }

  private static String port(String setting) {
    return Integer.toString(Ports.freeOrAny(0, setting));
  }
}
