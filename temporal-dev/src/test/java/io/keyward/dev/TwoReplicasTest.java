package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.worker.KeywardActivities;
import io.keyward.worker.KeywardWorker;
import io.keyward.worker.TemporalClients;
import io.keyward.worker.WorkerSettings;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.stores.DatabaseSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stateless processes (issue 14, point 4): two API replicas and two workers share nothing but one
 * Temporal dev server (the real CLI) and one database, and run ceremonies together.
 *
 * <p>The four run in this JVM as separate application instances, each with its own Temporal service
 * stubs and client (its own gRPC channel) and its own connection pool on the database, as separate
 * processes would have; separate JVMs would cost four more JVM starts on CI's two cores for no
 * difference Keyward can observe, since nothing is shared through static state. The database is
 * PostgreSQL when {@code KEYWARD_TEST_JDBC_URL} names one (a schema of its own), otherwise H2 in
 * server mode over TCP, reached by URL as a PostgreSQL server would be. Both workers reach one
 * software keystore directory, standing in for the HSM every worker reaches, and every client
 * encrypts payloads under the one key-encryption key kept there.
 */
class TwoReplicasTest {
  private static final String VAULT = "kv-replicas";
  private static final String NAME = "orders-signing";
  private static final String KEY = VAULT + "/" + NAME;
  private static final String INCIDENT = "INC0040001";

  @TempDir Path dir;

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
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
  void twoApisAndTwoWorkersRunACeremonyAndABreakGlassSessionOnOneDatabase() throws Exception {
    DevServerTemporal temporal =
        DevServerTemporal.start(
            cli,
            Ports.freeOrAny(0, DevSettings.TEMPORAL_PORT),
            Ports.freeOrAny(0, DevSettings.TEMPORAL_UI_PORT),
            dir.resolve("temporal"),
            converter(),
            null);
    running.push(temporal);
    for (int i = 0; i < 2; i++) {
      startWorker(temporal.target());
    }
    List<DemoUserHttp> apis = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      apis.add(new DemoUserHttp(startApi(temporal.target())));
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

    // One audit chain: every step once, whichever replica or worker wrote it, and it verifies.
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
      assertThat(check.audit().verify().intact()).isTrue();
      List<AuditRecord> records = check.audit().recordsFor("keygen/" + KEY);
      assertThat(records.stream().map(r -> r.event().eventId())).doesNotHaveDuplicates();
      assertThat(records.stream().map(AuditRecord::sequence)).doesNotHaveDuplicates();
    }

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
    String session = "/api/break-glass/" + INCIDENT;
    awaitPhase(apis.get(0), "sol", session, "AWAITING_AUTHORISATION");
    authorise(apis.get(0), "lena", session);
    authorise(apis.get(1), "alice", session);
    awaitPhase(apis.get(1), "sol", session, "ACTIVE");
    for (int i = 0; i < 2; i++) {
      DemoUserHttp.Answer action =
          apis.get(i)
              .post(
                  "bruno",
                  session + "/actions",
                  Map.of("key", KEY, "action", "checked the signing key at replica " + i));
      assertThat(action.status()).as("replica " + i + ": " + action.body()).isEqualTo(200);
      DemoUserHttp.Answer outsider =
          apis.get(i).post("lena", session + "/actions", Map.of("action", "looked around"));
      assertThat(outsider.status()).as("replica " + i).isEqualTo(403);
    }
  }

  private void startWorker(String target) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    running.push(
        () -> {
          stubs.shutdownNow();
          stubs.awaitTermination(5, TimeUnit.SECONDS);
        });
    WorkflowClient client = TemporalClients.client(stubs, "default", converter());
    KeywardActivities activities =
        KeywardActivities.open(
            new WorkerSettings(target, "default", TaskQueues.CEREMONIES, shared(), true), database);
    running.push(activities);
    running.push(KeywardWorker.start(client, TaskQueues.CEREMONIES, activities));
  }

  private URI startApi(String target) throws Exception {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    running.push(
        () -> {
          stubs.shutdownNow();
          stubs.awaitTermination(5, TimeUnit.SECONDS);
        });
    WorkflowClient client = TemporalClients.client(stubs, "default", converter());
    JdbcStores stores = JdbcStores.open(databaseSettings);
    running.push(stores);
    int httpPort = Ports.freeOrAny(0, DevSettings.HTTP_PORT);
    int adminPort = Ports.freeOrAny(0, DevSettings.ADMIN_PORT);
    running.push(
        ApiServer.start(
            client,
            stores,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            List.of(),
            Path.of("config", "dev.yml"),
            Map.of(
                "httpPort",
                Integer.toString(httpPort),
                "adminPort",
                Integer.toString(adminPort),
                "dataDir",
                shared().toString(),
                "temporalTarget",
                target,
                "namespace",
                "default",
                "taskQueue",
                TaskQueues.CEREMONIES,
                "temporalWebUrl",
                "")));
    return URI.create("http://localhost:" + httpPort + "/");
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
