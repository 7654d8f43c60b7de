package io.keyward.activities.hsm.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import reactor.core.publisher.Mono;

/**
 * A local HTTPS stand-in for the part of the Key Vault REST API Keyward uses (keys: create, get,
 * versions, list, update, delete, deleted keys, backup, restore, rotation policy, sign, verify,
 * encrypt, decrypt), so the real SDK client can be tested without Azure.
 *
 * <p>It behaves as Key Vault does where Keyward depends on it: a request without a valid bearer
 * token gets 401 with a {@code WWW-Authenticate: Bearer authorization=..., resource=...} challenge;
 * key creations beyond the vault's limit (10 HSM keys, 20 software keys in any 10 seconds) are
 * answered 429 with Retry-After, unless {@link #enforceCreateLimit} turns that off, and {@link
 * #throttle} makes it answer 429 with Retry-After; deleted keys are soft-deleted and show under
 * {@code /deletedkeys}. TLS uses a certificate made for the test, trusted only by {@link
 * #httpClient()}.
 */
public final class KeyVaultStandIn implements AutoCloseable {
  static final String TENANT = "72f988bf-0000-4000-8000-2d7cd011db47";
  static final String AUTHORITY = "https://login.keyward.test/" + TENANT;
  static final String RESOURCE = "https://vault.azure.net";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the stand-in saw it. */
  public record Request(
      String method, String path, int status, boolean authorized, Instant received) {}

  private final StandInVault vault;
  private final StandInTls tls;
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<TokenRequestContext> tokenRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokens = new AtomicInteger();
  private final AtomicInteger throttledRemaining = new AtomicInteger();
  private volatile long retryAfterSeconds;
  private volatile String throttledPath = "";
  private final StandInCreateLimit createLimit;
  private final StandInVaultKind kind;
  private volatile boolean createLimitEnforced = true;
  private final HttpClient httpClient;

  private KeyVaultStandIn(StandInVaultKind kind, Clock clock) throws IOException {
    this.vault = new StandInVault(kind, clock);
    this.kind = kind;
    this.createLimit = new StandInCreateLimit(clock);
    this.tls = StandInTls.forLoopback();
    this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    vault.baseUrl(url().toString());
    this.httpClient = buildHttpClient(tls);
  }

  public static KeyVaultStandIn start(StandInVaultKind kind) {
    return start(kind, Clock.systemUTC());
  }

  public static KeyVaultStandIn start(StandInVaultKind kind, Clock clock) {
    try {
      return new KeyVaultStandIn(kind, clock);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Key Vault stand-in", e);
    }
  }

  /** The vault URL, e.g. {@code https://127.0.0.1:41234}. */
  public URI url() {
    return URI.create(
        "https://"
            + InetAddress.getLoopbackAddress().getHostAddress()
            + ":"
            + server.getAddress().getPort());
  }

  /** An HTTP client (the SDK's Netty client) that trusts the stand-in's certificate. */
  public HttpClient httpClient() {
    return httpClient;
  }

  /** A credential whose tokens the stand-in accepts; it records what it was asked for. */
  public TokenCredential credential() {
    return new TokenCredential() {
      @Override
      public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(() -> getTokenSync(request));
      }

      @Override
      public AccessToken getTokenSync(TokenRequestContext request) {
        tokenRequests.add(request);
        String token = "stand-in-token-" + tokens.incrementAndGet();
        validTokens.add(token);
        return new AccessToken(token, OffsetDateTime.now().plusHours(1));
      }
    };
  }

  /** The next {@code count} authenticated requests are answered 429 with this Retry-After. */
  public void throttle(int count, long retryAfterSeconds) {
    throttle("", count, retryAfterSeconds);
  }

  /** As {@link #throttle(int, long)}, for requests whose path contains {@code pathPart} only. */
  public void throttle(String pathPart, int count, long retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
    this.throttledPath = pathPart;
    throttledRemaining.set(count);
  }

  /**
   * Whether key creations are held to the vault's limit (they are from the start); a test turns it
   * off to fill a vault before what it measures.
   */
  public void enforceCreateLimit(boolean enforced) {
    this.createLimitEnforced = enforced;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<TokenRequestContext> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  StandInVault vault() {
    return vault;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Instant received = Instant.now();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    boolean authorized =
        authorization != null
            && authorization.startsWith("Bearer ")
            && validTokens.contains(authorization.substring("Bearer ".length()));
    int status;
    JsonNode answer;
    Optional<Long> overLimit = Optional.empty();
    if (!authorized) {
      status = 401;
      exchange
          .getResponseHeaders()
          .add(
              "WWW-Authenticate",
              "Bearer authorization=\"" + AUTHORITY + "\", resource=\"" + RESOURCE + "\"");
      answer =
          new StandInVault.Refusal(
                  401, "Unauthorized", null, "AKV10000: Request is missing a Bearer or PoP token.")
              .body();
    } else if (path.contains(throttledPath)
        && throttledRemaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      status = 429;
      exchange.getResponseHeaders().add("Retry-After", Long.toString(retryAfterSeconds));
      answer =
          new StandInVault.Refusal(
                  429, "Throttled", null, "Request was not processed because too many requests")
              .body();
    } else if ((overLimit = createLimitOf(method, path, body)).isPresent()) {
      status = 429;
      exchange.getResponseHeaders().add("Retry-After", Long.toString(overLimit.get()));
      answer =
          new StandInVault.Refusal(
                  429,
                  "Throttled",
                  null,
                  "Request was not processed because too many requests were received."
                      + " Reason: A) Too many HSM key create requests")
              .body();
    } else {
      try {
        answer = route(method, path, body.length == 0 ? null : JSON.readTree(body));
        status = 200;
      } catch (StandInVault.Refusal refusal) {
        status = refusal.status;
        answer = refusal.body();
      } catch (GeneralSecurityException | RuntimeException e) {
        status = 400;
        answer =
            new StandInVault.Refusal(400, "BadParameter", null, e.getClass().getSimpleName())
                .body();
      }
    }
    requests.add(new Request(method, path, status, authorized, received));
    byte[] out = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, out.length);
    try (OutputStream response = exchange.getResponseBody()) {
      response.write(out);
    }
  }

  /** For a key creation, its refusal by the vault's limit (Retry-After in seconds), if any. */
  private Optional<Long> createLimitOf(String method, String path, byte[] body) {
    if (!createLimitEnforced
        || kind == StandInVaultKind.MANAGED_HSM
        || !method.equals("POST")
        || !path.matches("/keys/[^/]+/create")) {
      return Optional.empty();
    }
    String kty;
    try {
      kty = JSON.readTree(body).path("kty").asText();
    } catch (IOException unreadable) {
      return Optional.empty();
    }
    return createLimit.refuse(kty);
  }

  private JsonNode route(String method, String path, JsonNode body)
      throws GeneralSecurityException {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    String collection = parts.isEmpty() ? "" : parts.get(0);
    if (collection.equals("deletedkeys") && parts.size() == 2) {
      if (method.equals("GET")) {
        return vault.deleted(parts.get(1));
      }
      if (method.equals("DELETE")) {
        vault.purge(parts.get(1));
        return JsonNodeFactory.instance.objectNode();
      }
    }
    if (!collection.equals("keys")) {
      throw notHandled(method, path);
    }
    if (parts.size() == 1 && method.equals("GET")) {
      return vault.list();
    }
    if (parts.size() == 2 && parts.get(1).equals("restore") && method.equals("POST")) {
      return vault.restore(body);
    }
    String name = parts.get(1);
    if (parts.size() == 2) {
      return switch (method) {
        case "GET" -> vault.get(name, null);
        case "DELETE" -> vault.delete(name);
        default -> throw notHandled(method, path);
      };
    }
    String third = parts.get(2);
    if (parts.size() == 3) {
      switch (third) {
        case "create":
          return vault.create(name, body);
        case "backup":
          return vault.backup(name);
        case "versions":
          return vault.versions(name);
        case "rotationpolicy":
          return method.equals("PUT")
              ? vault.setRotationPolicy(name, body)
              : vault.rotationPolicy(name);
        default:
          return method.equals("PATCH") ? vault.update(name, third, body) : vault.get(name, third);
      }
    }
    if (parts.size() == 4 && method.equals("POST")) {
      return crypto(name, third, parts.get(3), body);
    }
    throw notHandled(method, path);
  }

  private JsonNode crypto(String name, String version, String operation, JsonNode body)
      throws GeneralSecurityException {
    StandInKeyVersion key = vault.usable(name, version, operation);
    String alg = body.path("alg").asText();
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("kid", url() + "/keys/" + name + "/" + key.version);
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    switch (operation) {
      case "sign" ->
          result.put("value", encoder.encodeToString(key.sign(alg, bytes(body, "value"))));
      case "verify" ->
          result.put("value", key.verify(alg, bytes(body, "digest"), bytes(body, "value")));
      case "encrypt" -> {
        byte[][] out = key.encrypt(alg, bytes(body, "value"), bytes(body, "aad"));
        result.put("value", encoder.encodeToString(out[0]));
        if (out.length == 3) {
          result.put("iv", encoder.encodeToString(out[1]));
          result.put("tag", encoder.encodeToString(out[2]));
        }
      }
      case "decrypt" -> {
        try {
          result.put(
              "value",
              encoder.encodeToString(
                  key.decrypt(
                      alg,
                      bytes(body, "value"),
                      bytes(body, "iv"),
                      bytes(body, "tag"),
                      bytes(body, "aad"))));
        } catch (GeneralSecurityException e) {
          throw new StandInVault.Refusal(400, "BadParameter", null, "Decryption failed");
        }
      }
      default -> throw notHandled("POST", operation);
    }
    return result;
  }

  private static byte[] bytes(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : Base64.getUrlDecoder().decode(value.asText());
  }

  private static StandInVault.Refusal notHandled(String method, String path) {
    return new StandInVault.Refusal(
        400, "BadParameter", null, "the stand-in does not handle " + method + " " + path);
  }

  private static HttpClient buildHttpClient(StandInTls tls) {
    try {
      SslContext trust = SslContextBuilder.forClient().trustManager(tls.certificate()).build();
      return new NettyAsyncHttpClientBuilder(
              reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(trust)))
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot trust the stand-in's certificate", e);
    }
  }
}
