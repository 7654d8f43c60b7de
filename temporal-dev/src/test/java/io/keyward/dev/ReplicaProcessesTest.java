package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.activities.stores.Intruder;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.api.KeywardApplication;
import io.keyward.worker.TemporalClients;
import io.keyward.worker.WorkerMain;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.stores.DatabaseSettings;
import io.temporal.common.converter.DataConverter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stateless processes (issue 14, point 4): two API processes and two worker processes, each a JVM
 * of its own started from its main class ({@code KeywardApplication server}, {@code WorkerMain})
 * with the configuration a deployment gives it, share nothing but one Temporal dev server (the real
 * CLI) and one database, and run ceremonies together: a generation whose decisions arrive at
 * alternating replicas completes, a web session signed in at one replica works at the other, a
 * break-glass grant written by a worker is honoured by both replicas, and afterwards the one audit
 * chain verifies with every step of the ceremony in it once. The workers' admin endpoints serve
 * their health and Prometheus metrics.
 *
 * <p>The database is PostgreSQL when {@code KEYWARD_TEST_JDBC_URL} names one (a schema of its own),
 * otherwise H2 in server mode over TCP, reached by URL as a PostgreSQL server would be. Both
 * workers reach one software keystore directory, standing in for the HSM every worker reaches, and
 * every process encrypts payloads under the one key-encryption key kept there.
 */
class ReplicaProcessesTest {
  private static final String VAULT = "kv-replicas";
  private static final String NAME = "orders-signing";
  private static final String KEY = VAULT + "/" + NAME;
  private static final String INCIDENT = "INC0040001";

  /** Where the processes' logs stay after the test, for a failure to be read. */
  private static final Path LOGS = Path.of("target", "replica-processes");

  /** How long a process may take to start on a busy machine. */
  private static final Duration STARTUP = Duration.ofSeconds(120);

  @TempDir Path dir;

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final Map<String, KeywardProcess> processes = new HashMap<>();
  private Path cli;
  private Map<String, String> database;
  private DatabaseSettings databaseSettings;

  @BeforeEach
  void start() throws Exception {
    cli = RequiredTemporalCli.get();
    database = sharedDatabase();
  }

  @AfterEach
  void stop() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        // stop the rest
      }
    }
  }

  @Test
  void twoApiProcessesAndTwoWorkerProcessesRunCeremoniesOnOneDatabase() throws Exception {
    DevServerTemporal temporal =
        DevServerTemporal.start(
            cli,
            Ports.freeOrAny(0, DevSettings.TEMPORAL_PORT),
            Ports.freeOrAny(0, DevSettings.TEMPORAL_UI_PORT),
            dir.resolve("temporal"),
            converter(),
            null);
    running.push(temporal);
    // One after the other: the first worker creates the software keystore both use.
    // The second of each logs JSON lines (KEYWARD_LOG_FORMAT=json), read at the end.
    List<URI> workerAdmins = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      workerAdmins.add(startWorker("worker-" + i, temporal.target(), i == 1));
    }
    List<DemoUserHttp> apis = new ArrayList<>();
    List<URI> bases = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      URI base = startApi("api-" + i, temporal.target(), i == 1);
      bases.add(base);
      apis.add(new DemoUserHttp(base));
    }

    // A SECRET key under dual control, each decision at the other replica.
    DemoUserHttp.Answer requested = apis.get(0).post("alice", "/api/generations", secretKey());
    assertThat(requested.status()).as(requested.body().toString()).isEqualTo(202);
    String path = "/api/generations/" + KEY;
    awaitPhase(apis.get(1), "alice", path, "AWAITING_APPROVAL");
    decide(apis.get(1), "olivia", path, "APPROVE");
    decide(apis.get(0), "lena", path, "APPROVE");
    awaitPhase(apis.get(1), "alice", path, "AWAITING_GENERATION");
    decide(apis.get(1), "kim", path, "GENERATE");
    awaitPhase(apis.get(0), "alice", path, "AWAITING_VERIFICATION");
    decide(apis.get(0), "kai", path, "VERIFY");
    awaitPhase(apis.get(1), "alice", path, "AWAITING_REGISTRATION");
    decide(apis.get(1), "sam", path, "REGISTER");
    awaitPhase(apis.get(0), "alice", path, "REGISTERED");

    // A web session signed in at one replica works at the other.
    WebBrowser browser = new WebBrowser();
    String session = browser.signIn(bases.get(1), "olivia");
    WebBrowser.Page inbox = browser.get(bases.get(0), "/ui/inbox", session);
    assertThat(inbox.status()).as(inbox.body()).isEqualTo(200);
    assertThat(inbox.body()).contains("olivia");
    assertThat(browser.get(bases.get(1), "/ui/inbox", "not-a-session").status()).isEqualTo(303);

    // A break-glass grant written by a worker is honoured by both replicas.
    DemoUserHttp.Answer declared =
        apis.get(1)
            .post(
                "sol",
                "/api/break-glass",
                Map.of(
                    "incident",
                    INCIDENT,
                    "keys",
                    List.of(KEY),
                    "reason",
                    "settlement cannot sign",
                    "durationMinutes",
                    10,
                    "admin",
                    "bruno"));
    assertThat(declared.status()).as(declared.body().toString()).isEqualTo(202);
    String breakGlass = "/api/break-glass/" + INCIDENT;
    awaitPhase(apis.get(0), "sol", breakGlass, "AWAITING_AUTHORISATION");
    authorise(apis.get(0), "lena", breakGlass);
    authorise(apis.get(1), "alice", breakGlass);
    awaitPhase(apis.get(1), "sol", breakGlass, "ACTIVE");
    for (int i = 0; i < 2; i++) {
      DemoUserHttp.Answer action =
          apis.get(i)
              .post(
                  "bruno",
                  breakGlass + "/actions",
                  Map.of("key", KEY, "action", "checked the signing key at replica " + i));
      assertThat(action.status()).as("replica " + i + ": " + action.body()).isEqualTo(200);
      DemoUserHttp.Answer outsider =
          apis.get(i).post("lena", breakGlass + "/actions", Map.of("action", "looked around"));
      assertThat(outsider.status()).as("replica " + i).isEqualTo(403);
    }

    // One audit chain: every step of the ceremony once, whichever process wrote it; it verifies.
    for (DemoUserHttp api : apis) {
      DemoUserHttp.Answer audit = api.get("audrey", path + "/audit");
      assertThat(audit.status()).as(audit.body().toString()).isEqualTo(200);
      List<String> types = new ArrayList<>();
      audit.body().forEach(r -> types.add(r.path("event").path("type").asText()));
      assertThat(types)
          .containsExactly(
              "GENERATION_REQUESTED",
              "DECISION_APPROVE",
              "DECISION_APPROVE",
              "DECISION_GENERATE",
              "KEY_GENERATED",
              "DECISION_VERIFY",
              "KEY_ACTIVATED",
              "DECISION_REGISTER",
              "KEY_REGISTERED",
              "GENERATION_REGISTERED");
    }
    try (JdbcStores check = JdbcStores.open(databaseSettings)) {
      ChainVerification chain = check.audit().verify();
      assertThat(chain.intact()).as(chain.describe()).isTrue();
      Intruder reader = new Intruder(check);
      long records = reader.count("SELECT COUNT(*) FROM audit_records");
      assertThat(reader.count("SELECT COUNT(DISTINCT event_id) FROM audit_records"))
          .as("no event stored twice")
          .isEqualTo(records);
      assertThat(reader.count("SELECT MAX(sequence) FROM audit_records"))
          .as("no record lost")
          .isEqualTo(records);
      assertThat(chain.recordsChecked()).isEqualTo(records);
    }
    // verify-audit, as an operator runs it with the API's configuration, also against the receipt
    // every ceremony run holds (asked of Temporal through the codec; the workers replay closed
    // runs).
    try (KeywardProcess verify =
        KeywardProcess.start(
            "verify-audit",
            KeywardApplication.class,
            database,
            LOGS,
            "verify-audit",
            "--ceremony-receipts",
            dir.resolve("api-0.yml").toString())) {
      assertThat(verify.awaitExit(STARTUP)).as(verify.output()).isZero();
      assertThat(verify.output())
          .containsPattern("[1-9][0-9]* ceremony receipts collected")
          .contains("audit trail intact")
          .doesNotContain("NOT ANSWERED");
    }

    // Each worker's admin endpoint: its health, and Prometheus text with the SDK's and Keyward's.
    for (URI admin : workerAdmins) {
      WebBrowser.Page health = browser.get(admin, "/healthcheck", null);
      assertThat(health.status()).as(health.body()).isEqualTo(200);
      WebBrowser.Page metrics = browser.get(admin, "/metrics", null);
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.contentType()).startsWith("text/plain");
      assertThat(metrics.body()).contains("# TYPE ").contains("temporal_");
    }

    // The JSON logs: one object per line with the expected fields, and no secret in any line.
    List<String> secrets = new ArrayList<>(List.of(session, "-demo-password"));
    secrets.add(database.get("KEYWARD_AUDIT_KEY"));
    if (!database.get("KEYWARD_DATABASE_PASSWORD").isEmpty()) {
      secrets.add(database.get("KEYWARD_DATABASE_PASSWORD"));
    }
    JsonLogLines.assertJsonLines(
        processes.get("worker-1").output(),
        List.of("timestamp", "level", "loggerName", "message"),
        secrets);
    JsonLogLines.assertJsonLines(processes.get("api-1").output(), List.of("timestamp"), secrets);
    for (KeywardProcess process : processes.values()) {
      assertThat(process.output()).doesNotContain(secrets);
    }
  }

  /** Starts a worker process; answers its admin endpoint once it is healthy. */
  private URI startWorker(String name, String target, boolean jsonLogs) throws Exception {
    int admin = KeywardProcess.freePort();
    Map<String, String> environment = new HashMap<>(database);
    environment.put("KEYWARD_TEMPORAL_TARGET", target);
    environment.put("KEYWARD_NAMESPACE", "default");
    environment.put("KEYWARD_TASK_QUEUE", TaskQueues.CEREMONIES);
    environment.put("KEYWARD_DATA_DIR", shared().toString());
    environment.put("KEYWARD_DEV_MODE", "true");
    environment.put("KEYWARD_WORKER_ADMIN_PORT", Integer.toString(admin));
    environment.put("KEYWARD_LOG_FORMAT", jsonLogs ? "json" : "text");
    URI adminUri = URI.create("http://127.0.0.1:" + admin + "/");
    KeywardProcess worker = KeywardProcess.start(name, WorkerMain.class, environment, LOGS);
    running.push(worker);
    processes.put(name, worker);
    worker.awaitReady(adminUri.resolve("/healthcheck"), STARTUP);
    return adminUri;
  }

  /** Starts an API process (with the web pages) from its configuration file; answers its URL. */
  private URI startApi(String name, String target, boolean jsonLogs) throws Exception {
    int http = KeywardProcess.freePort();
    int admin = KeywardProcess.freePort();
    Path config = dir.resolve(name + ".yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "temporal:",
            "  target: " + target,
            "  namespace: default",
            "  taskQueue: " + TaskQueues.CEREMONIES,
            "codec:",
            "  keyEncryptionKey: " + CodecSettings.DEV_KEY_ENCRYPTION_KEY,
            "  dataDir: " + shared(),
            "  devMode: true",
            "directory:",
            "  demoUsers: true",
            "database:",
            "  url: ${KEYWARD_DATABASE_URL}",
            "  user: ${KEYWARD_DATABASE_USER:-}",
            "ceremony:",
            "  stepTimeout: 72 hours",
            "server:",
            "  applicationConnectors:",
            "    - type: http",
            "      bindHost: 127.0.0.1",
            "      port: " + http,
            "  adminConnectors:",
            "    - type: http",
            "      bindHost: 127.0.0.1",
            "      port: " + admin,
            "  requestLog:",
            "    appenders:",
            "      - type: console",
            "        layout:",
            "          type: access-" + (jsonLogs ? "json" : "text"),
            "logging:",
            "  level: WARN",
            "  loggers:",
            "    io.keyward: INFO",
            "  appenders:",
            "    - type: console",
            "      layout:",
            "        type: " + (jsonLogs ? "json" : "text"),
            ""),
        StandardCharsets.UTF_8);
    KeywardProcess api =
        KeywardProcess.start(
            name, KeywardApplication.class, database, LOGS, "server", config.toString());
    running.push(api);
    processes.put(name, api);
    URI base = URI.create("http://127.0.0.1:" + http + "/");
    api.awaitReady(base.resolve("/ui/sign-in"), STARTUP);
    return base;
  }

  /**
   * The data directory every process shares: the software keystore standing in for the HSM, and the
   * payload codec's key-encryption key, which every client of the namespace must use.
   */
  private Path shared() {
    return dir.resolve("shared");
  }

  /** Each client's own converter, under the one key-encryption key. */
  private DataConverter converter() {
    return TemporalClients.dataConverter(
        CodecSettings.fromEnvironment(database, shared(), true), database);
  }

  /** PostgreSQL from the environment (a fresh schema), or an H2 server on a free TCP port. */
  private Map<String, String> sharedDatabase() throws SQLException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String auditKey = HexFormat.of().formatHex(key);
    String postgres = System.getenv("KEYWARD_TEST_JDBC_URL");
    String url;
    String user;
    String password;
    if (postgres != null && !postgres.isBlank()) {
      user = System.getenv("KEYWARD_TEST_JDBC_USER");
      password = System.getenv("KEYWARD_TEST_JDBC_PASSWORD");
      String schema = "replicas_" + UUID.randomUUID().toString().replace("-", "");
      execute(postgres, user, password, "CREATE SCHEMA " + schema);
      running.push(() -> execute(postgres, user, password, "DROP SCHEMA " + schema + " CASCADE"));
      url = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    } else {
      Server h2 =
          Server.createTcpServer(
                  "-tcpPort", "0", "-baseDir", dir.resolve("h2").toString(), "-ifNotExists")
              .start();
      running.push(h2::stop);
      user = "keyward";
      password = "keyward-test-password";
      url =
          "jdbc:h2:tcp://localhost:"
              + h2.getPort()
              + "/keyward;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
              + ";LOCK_TIMEOUT=30000";
    }
    databaseSettings =
        DatabaseSettings.server(
            url,
            user,
            password == null || password.isEmpty() ? null : Secret.ofText(password),
            Secret.ofText(auditKey));
    Map<String, String> environment = new HashMap<>();
    environment.put("KEYWARD_DATABASE_URL", url);
    environment.put("KEYWARD_DATABASE_USER", user == null ? "" : user);
    environment.put("KEYWARD_DATABASE_PASSWORD", password == null ? "" : password);
    environment.put("KEYWARD_AUDIT_KEY", auditKey);
    return environment;
  }

  private static void execute(String url, String user, String password, String sql)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Map<String, Object> secretKey() {
    return Map.of(
        "vault",
        VAULT,
        "name",
        NAME,
        "classification",
        "SECRET",
        "spec",
        Map.of("type", "EC", "curve", "P_384", "operations", List.of("SIGN", "VERIFY")),
        "justification",
        "Signing order confirmations for the settlement service");
  }

  private static void decide(DemoUserHttp api, String user, String path, String decision)
      throws Exception {
    DemoUserHttp.Answer answer = api.post(user, path + "/decisions", Map.of("decision", decision));
    assertThat(answer.status()).as(user + " " + decision + ": " + answer.body()).isEqualTo(200);
  }

  private static void authorise(DemoUserHttp api, String user, String session) throws Exception {
    DemoUserHttp.Answer answer =
        api.post(user, session + "/authorisations", Map.of("decision", "APPROVE"));
    assertThat(answer.status()).as(user + ": " + answer.body()).isEqualTo(200);
  }

  private static JsonNode awaitPhase(DemoUserHttp api, String user, String path, String phase)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    DemoUserHttp.Answer state;
    do {
      state = api.get(user, path);
      if (state.status() == 200 && state.phase().equals(phase)) {
        return state.body();
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return fail(path + " did not reach " + phase + "; its state: " + state.body());
  }
}
