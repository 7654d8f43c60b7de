package io.keyward.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.keyward.activities.access.AccessGrantActivitiesImpl;
import io.keyward.activities.access.JsonFileAccessGrantStore;
import io.keyward.activities.audit.AuditActivitiesImpl;
import io.keyward.activities.audit.JsonLinesAuditStore;
import io.keyward.activities.dependencies.DependencyActivitiesImpl;
import io.keyward.activities.dependencies.JsonFileDependencyMap;
import io.keyward.activities.evidence.EvidenceActivitiesImpl;
import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.notify.LoggingNotifications;
import io.keyward.activities.register.JsonFileKeyRegister;
import io.keyward.activities.register.KeyRegisterActivitiesImpl;
import io.keyward.activities.rotation.KeyInventoryActivitiesImpl;
import io.keyward.activities.rotation.LifecycleEnrolmentActivitiesImpl;
import io.keyward.activities.servicenow.UnconfiguredTickets;
import io.keyward.workflows.breakglass.BreakGlassWorkflowImpl;
import io.keyward.workflows.classification.ClassificationChangeWorkflowImpl;
import io.keyward.workflows.common.KeywardSearchAttributes;
import io.keyward.workflows.common.TaskQueues;
import io.keyward.workflows.compromise.CompromiseResponseWorkflowImpl;
import io.keyward.workflows.generation.KeyGenerationWorkflowImpl;
import io.keyward.workflows.lifecycle.KeyLifecycleWorkflowImpl;
import io.keyward.workflows.lifecycle.KeyReconciliationWorkflowImpl;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.rotation.ManualRotationWorkflowImpl;
import io.keyward.workflows.servicenow.ServiceNowTicketWorkflowImpl;
import io.keyward.workflows.servicenow.TicketActivities;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole API as it runs in the one-process dev mode: the real Dropwizard application on random
 * ports, the SDK's in-process Temporal server with Keyward's search attributes, and a worker that
 * runs the real generation workflow with the software key provider and the JSON-lines audit trail
 * in {@code dataDir}. Requests go over real HTTP as the demo users.
 */
public final class RunningKeyward implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestWorkflowEnvironment temporal;
  private final JsonLinesAuditStore audit;
  private final DropwizardTestSupport<KeywardConfiguration> app;
  private final HttpClient http = HttpClient.newHttpClient();
  private KeyProviderActivitiesImpl keys;

  private RunningKeyward(
      TestWorkflowEnvironment temporal,
      JsonLinesAuditStore audit,
      DropwizardTestSupport<KeywardConfiguration> app) {
    this.temporal = temporal;
    this.audit = audit;
    this.app = app;
  }

  public static RunningKeyward start(Path dataDir) throws Exception {
    return start(dataDir, audit -> List.of());
  }

  /**
   * With configuration overrides, and the notifier and ticket write-back that {@code people} makes
   * from the audit store (the log and no ticket system where it makes none), e.g. Slack and
   * ServiceNow clients pointed at local stand-ins.
   */
  public static RunningKeyward start(
      Path dataDir, Function<JsonLinesAuditStore, List<Object>> people, ConfigOverride... overrides)
      throws Exception {
    TestWorkflowEnvironment temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> temporal.registerSearchAttribute(name, indexedType(type)));
    JsonLinesAuditStore audit = JsonLinesAuditStore.open(dataDir.resolve("audit/audit.jsonl"));
    Worker worker = temporal.newWorker(TaskQueues.CEREMONIES);
    worker.registerWorkflowImplementationTypes(KeyGenerationWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(ServiceNowTicketWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(
        BreakGlassWorkflowImpl.class, CompromiseResponseWorkflowImpl.class);
    KeyProviderActivitiesImpl keys = softwareKeys(dataDir.resolve("keys"));
    worker.registerActivitiesImplementations(new AuditActivitiesImpl(audit), keys);
    worker.registerWorkflowImplementationTypes(
        ManualRotationWorkflowImpl.class,
        KeyLifecycleWorkflowImpl.class,
        KeyReconciliationWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new DependencyActivitiesImpl(
            new JsonFileDependencyMap(JsonFileDependencyMap.besideAuditTrail(audit.path()))),
        new KeyInventoryActivitiesImpl(keys),
        new LifecycleEnrolmentActivitiesImpl(),
        new KeyRegisterActivitiesImpl(register(audit)));
    worker.registerWorkflowImplementationTypes(ClassificationChangeWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new AccessGrantActivitiesImpl(
            JsonFileAccessGrantStore.open(dataDir.resolve("access/grants.json"))),
        new EvidenceActivitiesImpl(audit));
    List<Object> reachPeople = new ArrayList<>(people.apply(audit));
    if (reachPeople.stream().noneMatch(NotificationActivities.class::isInstance)) {
      reachPeople.add(new LoggingNotifications());
    }
    if (reachPeople.stream().noneMatch(TicketActivities.class::isInstance)) {
      reachPeople.add(new UnconfiguredTickets());
    }
    worker.registerActivitiesImplementations(reachPeople.toArray());
    temporal.start();

    DropwizardTestSupport<KeywardConfiguration> app =
        new DropwizardTestSupport<>(
            KeywardApplication.class,
            ResourceHelpers.resourceFilePath("keyward-test.yml"),
            withAuditFile(audit, overrides)) {
          @Override
          public Application<KeywardConfiguration> newApplication() {
            return new KeywardApplication(temporal.getWorkflowClient(), audit);
          }
        };
    app.before();
    RunningKeyward running = new RunningKeyward(temporal, audit, app);
    running.keys = keys;
    return running;
  }

  /** The key register where the API finds it: beside the audit trail. */
  private static JsonFileKeyRegister register(JsonLinesAuditStore audit) {
    return JsonFileKeyRegister.open(JsonFileKeyRegister.besideAuditTrail(audit.path()));
  }

  /**
   * The key register as the worker writes it, for a test to put a key's facts in place as if a
   * ceremony had registered it earlier.
   */
  public KeyRegister register() {
    return register(audit);
  }

  /** Puts {@code key} in the key register as if its generation had registered it. */
  public void registerKey(
      io.keyward.workflows.common.KeyRef key,
      io.keyward.workflows.policy.Classification classification,
      io.keyward.workflows.policy.KeyUsage usage,
      String owner) {
    register()
        .apply(
            new io.keyward.workflows.register.RegisterUpdate(
                key,
                "test/" + key + "/" + java.util.UUID.randomUUID(),
                "keygen/" + key,
                "test",
                java.time.Instant.now(),
                classification,
                usage,
                new io.keyward.workflows.register.KeyOwner(null, owner),
                io.keyward.workflows.policy.PolicyMatrix.policyFor(classification).protection(),
                null,
                io.keyward.workflows.register.KeyState.ACTIVE,
                null));
  }

  private static ConfigOverride[] withAuditFile(
      JsonLinesAuditStore audit, ConfigOverride... overrides) {
    List<ConfigOverride> all = new ArrayList<>(List.of(overrides));
    all.add(ConfigOverride.config("audit.file", audit.path().toString()));
    return all.toArray(ConfigOverride[]::new);
  }

  private static KeyProviderActivitiesImpl softwareKeys(Path directory) {
    byte[] secret = new byte[MasterSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    SoftwareKeyProvider software = new SoftwareKeyProvider(directory, MasterSecret.of(secret));
    return new KeyProviderActivitiesImpl(new ProviderRouting(List.of(software), true));
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
  public Reply deliver(String path, java.util.Map<String, String> headers, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(api(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
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
        HttpRequest.newBuilder(api(path))
            .header("Authorization", basic(user, password))
            .GET()
            .build());
  }

  public Reply admin(String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.getAdminPort() + path))
            .GET()
            .build());
  }

  /** What Temporal itself knows of the workflow, bypassing the API; empty when it never started. */
  public Optional<WorkflowExecutionDescription> describe(String workflowId) {
    try {
      return Optional.of(
          temporal.getWorkflowClient().newUntypedWorkflowStub(workflowId).describe());
    } catch (WorkflowNotFoundException never) {
      return Optional.empty();
    }
  }

  /**
   * The worker's key activities over its software keystore, for a test to put a key in place as if
   * it had been generated earlier.
   */
  public KeyProviderActivitiesImpl keys() {
    return keys;
  }

  public JsonLinesAuditStore audit() {
    return audit;
  }

  /** The application's port, for a client of a test's own. */
  public int port() {
    return app.getLocalPort();
  }

  /** The in-process Temporal server's client, to look at workflows beside the API. */
  public io.temporal.client.WorkflowClient client() {
    return temporal.getWorkflowClient();
  }

  private HttpRequest.Builder request(String user, String path, String contentType) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(api(path));
    if (user != null) {
      builder.header("Authorization", basic(user, user + "-demo-password"));
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return builder;
  }

  private URI api(String path) {
    return URI.create("http://localhost:" + app.getLocalPort() + path);
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
      throw new java.io.UncheckedIOException(e);
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

  @Override
  public void close() {
    app.after();
    temporal.close();
    audit.close();
  }
}
