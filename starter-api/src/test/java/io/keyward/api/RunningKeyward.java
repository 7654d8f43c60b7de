package io.keyward.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.keyward.activities.audit.JdbcAuditStore;
import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.notify.LoggingNotifications;
import io.keyward.activities.servicenow.UnconfiguredTickets;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.worker.CeremonyRegistrations;
import io.keyward.worker.KeywardActivities;
import io.keyward.worker.TemporalClients;
import io.keyward.workflows.attestation.SigningClientInterceptor;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.TrustedKeys;
import io.keyward.workflows.attestation.VerifyingWorkerInterceptor;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.policy.PolicyMatrix;
import io.keyward.workflows.register.KeyOwner;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.register.KeyState;
import io.keyward.workflows.register.RegisterUpdate;
import io.keyward.workflows.servicenow.TicketActivities;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Keyward as dev mode runs it, for the tests of the API and of the pages alike: the real Dropwizard
 * application on random ports (with the approval UI when it is on the class path, as in
 * production), a worker registered as the real one ({@link CeremonyRegistrations}: every ceremony)
 * with the software key provider and the stores in the embedded database in {@code dataDir}, and
 * either the SDK's in-process Temporal server ({@link #start}) or a real Temporal dev server
 * ({@link #onDevServer}), both with Keyward's search attributes. Requests go over real HTTP as the
 * demo users.
 */
public final class RunningKeyward implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = "keyward-test.yml";

  private final WorkflowClient client;
  private final JdbcStores stores;
  private final KeyProviderActivitiesImpl keys;
  private final DropwizardTestSupport<KeywardConfiguration> app;
  private final Deque<AutoCloseable> running;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningKeyward(
      WorkflowClient client,
      JdbcStores stores,
      KeyProviderActivitiesImpl keys,
      DropwizardTestSupport<KeywardConfiguration> app,
      Deque<AutoCloseable> running) {
    this.client = client;
    this.stores = stores;
    this.keys = keys;
    this.app = app;
    this.running = running;
  }

  /** On the SDK's in-process test server, which answers no visibility queries. */
  public static RunningKeyward start(Path dataDir) throws Exception {
    return start(dataDir, audit -> List.of());
  }

  /** As {@link #start(Path)}, with configuration values of the test's own. */
  public static RunningKeyward start(Path dataDir, ConfigOverride... overrides) throws Exception {
    return start(dataDir, audit -> List.of(), overrides);
  }

  /**
   * With configuration overrides, and the notifier and ticket write-back that {@code people} makes
   * from the audit store (the log and no ticket system where it makes none), e.g. Slack and
   * ServiceNow clients pointed at local stand-ins.
   */
  public static RunningKeyward start(
      Path dataDir, Function<AuditStore, List<Object>> people, ConfigOverride... overrides)
      throws Exception {
    return start(CONFIG, dataDir, people, overrides);
  }

  /** As {@link #start(Path, ConfigOverride...)}, with a test configuration of its own. */
  public static RunningKeyward start(
      String configResource, Path dataDir, ConfigOverride... overrides) throws Exception {
    return start(configResource, dataDir, audit -> List.of(), overrides);
  }

  /**
   * As {@link #start(Path, Function, ConfigOverride...)}, with a test configuration of its own: a
   * resource on the test's class path, e.g. one with an {@code identity.oidc} section.
   */
  public static RunningKeyward start(
      String configResource,
      Path dataDir,
      Function<AuditStore, List<Object>> people,
      ConfigOverride... overrides)
      throws Exception {
    Deque<AutoCloseable> running = new ArrayDeque<>();
    try {
      TestWorkflowEnvironment temporal =
          TestWorkflowEnvironment.newInstance(
              TestEnvironmentOptions.newBuilder()
                  .setUseTimeskipping(false)
                  .setWorkerFactoryOptions(
                      verifyingWorkers(dataDir, DefaultDataConverter.newDefaultInstance()))
                  .build());
      running.push(temporal::close);
      KeywardSearchAttributes.DEFINITIONS.forEach(
          (name, type) -> temporal.registerSearchAttribute(name, indexedType(type)));
      JdbcStores stores = JdbcStores.embedded(dataDir);
      running.push(stores::close);
      SoftwareKeyProvider software = softwareKeys(dataDir);
      register(
          temporal.newWorker(TaskQueues.CEREMONIES),
          stores,
          software,
          people.apply(stores.audit()));
      temporal.start();
      return withApplication(
          configResource,
          temporal.getWorkflowClient(),
          stores,
          software,
          dataDir,
          running,
          overrides);
    } catch (Exception | Error failure) {
      stopAll(running);
      throw failure;
    }
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
      WorkerFactory workers =
          WorkerFactory.newInstance(
              client, verifyingWorkers(dataDir, client.getOptions().getDataConverter()));
      running.push(workers::shutdownNow);
      SoftwareKeyProvider software = softwareKeys(dataDir);
      register(workers.newWorker(TaskQueues.CEREMONIES), stores, software, List.of());
      workers.start();
      return withApplication(
          CONFIG,
          client,
          stores,
          software,
          dataDir,
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
      String configResource,
      WorkflowClient client,
      JdbcStores stores,
      SoftwareKeyProvider software,
      Path dataDir,
      Deque<AutoCloseable> running,
      ConfigOverride... extra)
      throws Exception {
    // The application runs on the worker's stores; the configuration's database names them only.
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(ConfigOverride.config("database.dataDir", dataDir.toString()));
    // The API signs with the dev signing key under dataDir, which the worker trusts.
    overrides.add(ConfigOverride.config("codec.dataDir", dataDir.toString()));
    overrides.add(ConfigOverride.config("codec.devMode", "true"));
    overrides.addAll(List.of(extra));
    DropwizardTestSupport<KeywardConfiguration> app =
        new DropwizardTestSupport<>(
            KeywardApplication.class,
            configFile(dataDir, configResource),
            overrides.toArray(ConfigOverride[]::new)) {
          @Override
          public Application<KeywardConfiguration> newApplication() {
            return new KeywardApplication(client, stores);
          }
        };
    app.before();
    running.push(app::after);
    KeyProviderActivitiesImpl keys =
        new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), true));
    WorkflowClient signing =
        SigningClientInterceptor.signing(
            client,
            SigningKeySource.onClassPath().signer(signingSettings(dataDir), Map.of()),
            Clock.systemUTC());
    return new RunningKeyward(signing, stores, keys, app, running);
  }

  /**
   * The test configuration as a file in {@code dataDir}: Dropwizard reads a path, and in another
   * module's tests the configuration is inside this module's test-jar.
   */
  private static String configFile(Path dataDir, String resource) throws IOException {
    Path file = dataDir.resolve(resource);
    try (InputStream in = RunningKeyward.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      Files.createDirectories(dataDir);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file.toString();
  }

  /**
   * Registers what the real worker runs, with the software keystore under {@code dataDir} and the
   * notifier and ticket write-back among {@code people} (the log and none otherwise).
   */
  private static void register(
      Worker worker, JdbcStores stores, SoftwareKeyProvider software, List<Object> people) {
    NotificationActivities notifications =
        people.stream()
            .filter(NotificationActivities.class::isInstance)
            .map(NotificationActivities.class::cast)
            .findFirst()
            .orElseGet(LoggingNotifications::new);
    TicketActivities tickets =
        people.stream()
            .filter(TicketActivities.class::isInstance)
            .map(TicketActivities.class::cast)
            .findFirst()
            .orElseGet(UnconfiguredTickets::new);
    CeremonyRegistrations.register(
        worker, new KeywardActivities(stores, List.of(software), true, notifications, tickets));
  }

  /** The dev signing key under {@code dataDir}, as dev mode has it. */
  public static SigningSettings signingSettings(Path dataDir) {
    return new SigningSettings(SigningSettings.DEV_SIGNING_KEY, null, dataDir, true);
  }

  /** Workers that accept what the API signs with the dev signing key under {@code dataDir}. */
  private static WorkerFactoryOptions verifyingWorkers(Path dataDir, DataConverter converter) {
    TrustedKeys trusted =
        SigningKeySource.onClassPath().trusted(signingSettings(dataDir), Map.of());
    return WorkerFactoryOptions.newBuilder()
        .setWorkerInterceptors(new VerifyingWorkerInterceptor(trusted, converter))
        .build();
  }

  private static SoftwareKeyProvider softwareKeys(Path dataDir) {
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    return new SoftwareKeyProvider(dataDir.resolve("keys"), MasterSecret.of(secret));
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

  /**
   * The key register as the worker writes it, for a test to put a key's facts in place as if a
   * ceremony had registered it earlier.
   */
  public KeyRegister register() {
    return stores.keyRegister();
  }

  /** Puts {@code key} in the key register as if its generation had registered it. */
  public void registerKey(KeyRef key, Classification classification, KeyUsage usage, String owner) {
    stores
        .keyRegister()
        .apply(
            new RegisterUpdate(
                key,
                "test/" + key + "/" + UUID.randomUUID(),
                "keygen/" + key,
                "test",
                Instant.now(),
                classification,
                usage,
                new KeyOwner(null, owner),
                PolicyMatrix.policyFor(classification).protection(),
                null,
                KeyState.ACTIVE,
                null));
  }

  /** A response as a client sees it: status, JSON body (null when empty) and headers. */
  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }
  }

  /** Sends as {@code user} with the demo password, or without credentials when user is null. */
  public Reply post(String user, String path, String body) {
    return send(
        request(user, path, "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  /**
   * Posts {@code body} byte for byte with {@code headers} and no credentials, as a webhook does.
   */
  public Reply deliver(String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base().resolve(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(builder::header);
    return send(builder.build());
  }

  public Reply put(String user, String path, String body) {
    return send(
        request(user, path, "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  public Reply get(String user, String path) {
    return send(request(user, path, null).GET().build());
  }

  /** Sends with a password of the caller's choice, to test wrong passwords. */
  public Reply getWithPassword(String user, String password, String path) {
    return send(
        HttpRequest.newBuilder(base().resolve(path))
            .header("Authorization", basic(user, password))
            .GET()
            .build());
  }

  /** Gets with the headers of the caller's choice and nothing else. */
  public Reply getWithHeaders(String path, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base().resolve(path)).GET();
    headers.forEach(builder::header);
    return send(builder.build());
  }

  /** The HTTP Basic header value for a name and password. */
  public static String basicAuthorization(String user, String password) {
    return basic(user, password);
  }

  /** Sends with {@code Authorization: Bearer token}. */
  public Reply postWithToken(String token, String path, String body) {
    return send(
        HttpRequest.newBuilder(base().resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  /** Gets with {@code Authorization: Bearer token}. */
  public Reply getWithToken(String token, String path) {
    return send(
        HttpRequest.newBuilder(base().resolve(path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  public Reply admin(String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.getAdminPort() + path))
            .GET()
            .build());
  }

  /**
   * Over the API as {@code user} with the demo password, for a test's setup: the JSON answer, or
   * null when empty; an answer of 300 or more fails the test.
   */
  public JsonNode api(String user, String method, String path, String body) {
    HttpRequest.Builder request = request(user, path, body == null ? null : "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    Reply reply = send(request.build());
    if (reply.status() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " answered " + reply.status() + ": " + reply.raw().body());
    }
    return reply.body();
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

  /** Reads the generation ceremony until it is in {@code phase}; gives up after 30 seconds. */
  public void awaitPhase(String vault, String name, String phase) {
    apiUntil(
        "audrey",
        "/api/generations/" + vault + "/" + name,
        state -> phase.equals(state.get("phase").asText()));
  }

  /** Reads {@code path} over the API as {@code user} until the condition holds (30 s at most). */
  public JsonNode apiUntil(String user, String path, Predicate<JsonNode> holds) {
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

  /** The generation ceremony's state as the API answers it. */
  public JsonNode generation(String vault, String name) {
    return api("audrey", "GET", "/api/generations/" + vault + "/" + name, null);
  }

  /** What Temporal itself knows of the workflow, bypassing the API; empty when it never started. */
  public Optional<WorkflowExecutionDescription> describe(String workflowId) {
    try {
      return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
    } catch (WorkflowNotFoundException never) {
      return Optional.empty();
    }
  }

  /**
   * Key activities over the worker's software keystore, for a test to put a key in place as if it
   * had been generated earlier.
   */
  public KeyProviderActivitiesImpl keys() {
    return keys;
  }

  public JdbcAuditStore audit() {
    return stores.audit();
  }

  /** The stores the worker and the API share. */
  public JdbcStores stores() {
    return stores;
  }

  /** The application's base address, e.g. {@code http://localhost:41234}. */
  public URI base() {
    return URI.create("http://localhost:" + app.getLocalPort());
  }

  /** The application's port, for a client of a test's own. */
  public int port() {
    return app.getLocalPort();
  }

  /**
   * A client of the same Temporal as the application's, that signs people's inputs as the API does:
   * to look at workflows beside the API, or to act as the API would.
   */
  public WorkflowClient client() {
    return client;
  }

  private HttpRequest.Builder request(String user, String path, String contentType) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base().resolve(path));
    if (user != null) {
      builder.header("Authorization", basic(user, user + "-demo-password"));
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return builder;
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), json(response.body()), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return text.isEmpty() ? null : JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
      return null;
    }
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stopAll(running);
  }
}
