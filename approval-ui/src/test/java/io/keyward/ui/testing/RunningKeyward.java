package io.keyward.ui.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.keyward.activities.audit.JdbcAuditStore;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.api.KeywardApplication;
import io.keyward.api.KeywardConfiguration;
import io.keyward.worker.CeremonyRegistrations;
import io.keyward.worker.KeywardActivities;
import io.keyward.worker.TemporalClients;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.TaskQueues;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyward as dev mode runs it, with its web pages: the real Dropwizard application on random ports
 * (the approval UI found on the class path as in production), a worker registered as the real one
 * (every ceremony it runs) with the software key provider and the stores in the embedded database
 * in {@code dataDir}, and either the SDK's in-process Temporal server ({@link #start}) or a real
 * Temporal dev server ({@link #onDevServer}), both with Keyward's search attributes. The API is
 * reachable over real HTTP as the demo users, to set up what the pages then show.
 */
public final class RunningKeyward implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkflowClient client;
  private final JdbcStores stores;
  private final DropwizardTestSupport<KeywardConfiguration> app;
  private final Deque<AutoCloseable> running;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningKeyward(
      WorkflowClient client,
      JdbcStores stores,
      DropwizardTestSupport<KeywardConfiguration> app,
      Deque<AutoCloseable> running) {
    this.client = client;
    this.stores = stores;
    this.app = app;
    this.running = running;
  }

  /** On the SDK's in-process test server, which answers no visibility queries. */
  public static RunningKeyward start(Path dataDir) throws Exception {
    return start(dataDir, new ConfigOverride[0]);
  }

  /** As {@link #start(Path)}, with configuration values of the test's own. */
  public static RunningKeyward start(Path dataDir, ConfigOverride... overrides) throws Exception {
    TestWorkflowEnvironment temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> temporal.registerSearchAttribute(name, indexedType(type)));
    Deque<AutoCloseable> running = new ArrayDeque<>();
    running.push(temporal::close);
    JdbcStores stores = JdbcStores.embedded(dataDir);
    running.push(stores::close);
    register(temporal.newWorker(TaskQueues.CEREMONIES), stores, dataDir);
    temporal.start();
    return withApplication(temporal.getWorkflowClient(), stores, running, overrides);
  }

  /**
   * On a real Temporal dev server run by {@code cli}, with Keyward's search attributes and its
   * SQLite visibility, as dev mode runs it.
   */
  public static RunningKeyward onDevServer(Path dataDir, Path cli) throws Exception {
    Deque<AutoCloseable> running = new ArrayDeque<>();
    try {
      TemporalDevServer server =
          TemporalDevServer.start(
              TemporalDevServerOptions.newBuilder()
                  .setExistingPath(cli.toString())
                  .setDownloadEnabled(false)
                  .setIp("127.0.0.1")
                  .setPort(freePort())
                  .setUiEnabled(false)
                  .setDatabaseFilename(dataDir.resolve("temporal.db").toString())
                  .setLogFile(dataDir.resolve("temporal.log").toString())
                  .setStartupTimeout(Duration.ofSeconds(60))
                  .setExtraArgs(searchAttributeArgs())
                  .build());
      running.push(server);
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.getTarget()).build());
      running.push(stubs::shutdownNow);
      // Payloads encrypted as in dev mode, by the worker's client and the API's codec alike.
      CodecSettings codec =
          new CodecSettings(CodecSettings.DEV_KEY_ENCRYPTION_KEY, List.of(), dataDir, true);
      WorkflowClient client =
          TemporalClients.client(stubs, "default", TemporalClients.dataConverter(codec, Map.of()));
      JdbcStores stores = JdbcStores.embedded(dataDir);
      running.push(stores::close);
      WorkerFactory workers = WorkerFactory.newInstance(client);
      running.push(workers::shutdownNow);
      register(workers.newWorker(TaskQueues.CEREMONIES), stores, dataDir);
      workers.start();
      return withApplication(
          client,
          stores,
          running,
          ConfigOverride.config("codec.keyEncryptionKey", codec.keyEncryptionKey()),
          ConfigOverride.config("codec.dataDir", dataDir.toString()),
          ConfigOverride.config("codec.devMode", "true"));
    } catch (Exception | Error failure) {
      stopAll(running);
      throw failure;
    }
  }

  private static RunningKeyward withApplication(
      WorkflowClient client,
      JdbcStores stores,
      Deque<AutoCloseable> running,
      ConfigOverride... extra)
      throws Exception {
    // The application runs on the worker's stores; the configuration's database is not opened.
    ConfigOverride[] overrides = extra;
    DropwizardTestSupport<KeywardConfiguration> app =
        new DropwizardTestSupport<>(
            KeywardApplication.class,
            ResourceHelpers.resourceFilePath("keyward-ui-test.yml"),
            overrides) {
          @Override
          public Application<KeywardConfiguration> newApplication() {
            return new KeywardApplication(client, stores);
          }
        };
    app.before();
    running.push(app::after);
    return new RunningKeyward(client, stores, app, running);
  }

  /** Registers what the real worker runs, with the software keystore under {@code dataDir}. */
  private static void register(Worker worker, JdbcStores stores, Path dataDir) {
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    SoftwareKeyProvider software =
        new SoftwareKeyProvider(dataDir.resolve("keys"), MasterSecret.of(secret));
    CeremonyRegistrations.register(worker, new KeywardActivities(stores, List.of(software), true));
  }

  private static List<String> searchAttributeArgs() {
    List<String> args = new ArrayList<>();
    new TreeMap<>(KeywardSearchAttributes.DEFINITIONS)
        .forEach(
            (name, type) -> {
              args.add("--search-attribute");
              args.add(name + "=" + type);
            });
    return args;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void stopAll(Deque<AutoCloseable> running) {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        // keep stopping the rest
      }
    }
  }

  private static IndexedValueType indexedType(String type) {
    return switch (type) {
      case "Keyword" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
      case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
      case "Text" -> IndexedValueType.INDEXED_VALUE_TYPE_TEXT;
      case "Int" -> IndexedValueType.INDEXED_VALUE_TYPE_INT;
      case "Double" -> IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE;
      case "Bool" -> IndexedValueType.INDEXED_VALUE_TYPE_BOOL;
      case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
      default -> throw new IllegalArgumentException("unknown search attribute type " + type);
    };
  }

  /** The application's base address, e.g. {@code http://localhost:41234}. */
  public URI base() {
    return URI.create("http://localhost:" + app.getLocalPort());
  }

  /** The application's port. */
  public int port() {
    return app.getLocalPort();
  }

  /** Over the API as {@code user} with the demo password: the JSON answer, or null when empty. */
  public JsonNode api(String user, String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base().resolve(path))
            .header("Authorization", basic(user, user + "-demo-password"));
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isEmpty() ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Requests a key over the API as {@code requester}; returns the path of its page in the UI.
   *
   * @param classification e.g. {@code SECRET} (2 of 3) or {@code CONFIDENTIAL} (1 approver)
   */
  public String requestKey(
      String requester, String vault, String name, String classification, String justification) {
    return requestKey(requester, vault, name, classification, justification, null);
  }

  /** As above, with the validity of the key in days ({@code null}: the policy's default). */
  public String requestKey(
      String requester,
      String vault,
      String name,
      String classification,
      String justification,
      Integer validityDays) {
    String body =
        "{\"vault\":\""
            + vault
            + "\",\"name\":\""
            + name
            + "\",\"classification\":\""
            + classification
            + "\",\"spec\":{\"type\":\"EC\",\"curve\":\"P_384\",\"operations\":[\"SIGN\",\"VERIFY\"]"
            + (validityDays == null ? "" : ",\"validityDays\":" + validityDays)
            + "},\"justification\":"
            + quote(justification)
            + "}";
    api(requester, "POST", "/api/generations", body);
    return "/ui/generations/" + vault + "/" + name;
  }

  /**
   * Drives a generation ceremony over the API from request to registered (alice requests, olivia
   * approves, kim generates, kai verifies, sam registers), so that the key exists at the provider
   * with its classification tag and its lifecycle starts.
   */
  public void registeredKey(String vault, String name, String classification) {
    registeredKey(vault, name, classification, null);
  }

  /**
   * As above, with the key's validity in days; a SECRET key gets its second approval from lena. A
   * key valid for 30 days is due for rotation at once (runbook 6.2: 30 days before expiry).
   */
  public void registeredKey(
      String vault, String name, String classification, Integer validityDays) {
    requestKey("alice", vault, name, classification, "needed for the test", validityDays);
    String decisions = "/api/generations/" + vault + "/" + name + "/decisions";
    if (classification.equals("SECRET")) {
      awaitPhase(vault, name, "AWAITING_APPROVAL");
      api("lena", "POST", decisions, "{\"decision\":\"APPROVE\"}");
    }
    String[][] steps = {
      {"olivia", "APPROVE", "AWAITING_APPROVAL"},
      {"kim", "GENERATE", "AWAITING_GENERATION"},
      {"kai", "VERIFY", "AWAITING_VERIFICATION"},
      {"sam", "REGISTER", "AWAITING_REGISTRATION"}
    };
    for (String[] step : steps) {
      awaitPhase(vault, name, step[2]);
      api(step[0], "POST", decisions, "{\"decision\":\"" + step[1] + "\"}");
    }
    awaitPhase(vault, name, "REGISTERED");
  }

  /** Reads the ceremony until it is in {@code phase}; gives up after 30 seconds. */
  public void awaitPhase(String vault, String name, String phase) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!phase.equals(generation(vault, name).get("phase").asText())) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError(
            vault + "/" + name + " did not reach " + phase + ": " + generation(vault, name));
      }
      pause();
    }
  }

  /** Reads {@code path} over the API as {@code user} until the condition holds (30 s at most). */
  public JsonNode apiUntil(String user, String path, java.util.function.Predicate<JsonNode> holds) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode answer = api(user, "GET", path, null);
    while (!holds.test(answer)) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError(path + " still not as expected after 30 s: " + answer);
      }
      pause();
      answer = api(user, "GET", path, null);
    }
    return answer;
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The ceremony's state as the API answers it. */
  public JsonNode generation(String vault, String name) {
    return api("audrey", "GET", "/api/generations/" + vault + "/" + name, null);
  }

  public JdbcAuditStore audit() {
    return stores.audit();
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The client the application and the worker use. */
  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    stopAll(running);
  }
}
