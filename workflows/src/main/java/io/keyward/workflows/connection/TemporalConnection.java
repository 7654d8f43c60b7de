package io.keyward.workflows.connection;

import io.keyward.workflows.integration.Secret;
import io.keyward.workflows.integration.SecretFiles;
import io.keyward.workflows.integration.SecretSource;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a Keyward process reaches Temporal: the frontend, the namespace, and how the connection is
 * secured. TLS checks the server against {@code serverCaFile} (the JVM's trusted roots without it)
 * and {@code serverName} (the target's host without it); mutual TLS adds the client certificate and
 * its PKCS#8 key; Temporal Cloud takes an API key instead, sent only over TLS. The key and the API
 * key come from files or the environment and never appear in a message.
 *
 * @param tls whether to use TLS; implied by any of the TLS settings or an API key
 * @param apiKey where the API key is ({@code KEYWARD_TEMPORAL_API_KEY} or a file), or null
 */
public record TemporalConnection(
    String target,
    String namespace,
    boolean tls,
    Path serverCaFile,
    String serverName,
    Path clientCertFile,
    Path clientKeyFile,
    SecretSource apiKey) {
  public static final String ENV_TARGET = "KEYWARD_TEMPORAL_TARGET";
  public static final String ENV_NAMESPACE = "KEYWARD_NAMESPACE";
  public static final String ENV_TLS = "KEYWARD_TEMPORAL_TLS";
  public static final String ENV_SERVER_CA_FILE = "KEYWARD_TEMPORAL_SERVER_CA_FILE";
  public static final String ENV_SERVER_NAME = "KEYWARD_TEMPORAL_SERVER_NAME";
  public static final String ENV_CLIENT_CERT_FILE = "KEYWARD_TEMPORAL_CLIENT_CERT_FILE";
  public static final String ENV_CLIENT_KEY_FILE = "KEYWARD_TEMPORAL_CLIENT_KEY_FILE";
  public static final String ENV_API_KEY = "KEYWARD_TEMPORAL_API_KEY";

  private static final Pattern TARGET = Pattern.compile("\\S+:\\d{1,5}");

  public TemporalConnection {
    if (target == null || !TARGET.matcher(target).matches()) {
      throw new IllegalArgumentException(
          "the Temporal target must be host:port, e.g. localhost:7233, was " + target);
    }
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("the Temporal namespace must not be empty");
    }
    if ((clientCertFile == null) != (clientKeyFile == null)) {
      throw new IllegalArgumentException(
          "mutual TLS needs both the client certificate file and the client key file");
    }
    tls = tls || serverCaFile != null || present(serverName) || clientCertFile != null;
  }

  /** Plain, unauthenticated gRPC: the dev server on the loopback interface, tests. */
  public static TemporalConnection plain(String target, String namespace) {
    return new TemporalConnection(target, namespace, false, null, null, null, null, null);
  }

  /**
   * From {@value #ENV_TARGET} ({@code defaultTarget}), {@value #ENV_NAMESPACE} ({@code default}),
   * {@value #ENV_TLS}, {@value #ENV_SERVER_CA_FILE}, {@value #ENV_SERVER_NAME}, {@value
   * #ENV_CLIENT_CERT_FILE}, {@value #ENV_CLIENT_KEY_FILE} and {@value #ENV_API_KEY} or {@code
   * KEYWARD_TEMPORAL_API_KEY_FILE}.
   */
  public static TemporalConnection fromEnvironment(Map<String, String> env, String defaultTarget) {
    return new TemporalConnection(
        env.getOrDefault(ENV_TARGET, defaultTarget),
        env.getOrDefault(ENV_NAMESPACE, "default"),
        Boolean.parseBoolean(env.getOrDefault(ENV_TLS, "false")),
        path(env.get(ENV_SERVER_CA_FILE)),
        blankToNull(env.get(ENV_SERVER_NAME)),
        path(env.get(ENV_CLIENT_CERT_FILE)),
        path(env.get(ENV_CLIENT_KEY_FILE)),
        SecretSource.fromEnvironment("the Temporal API key", ENV_API_KEY, env));
  }

  /**
   * The options of the service stubs, with the certificates and keys read through {@code files}.
   *
   * @param environment where the API key variable is looked up
   * @throws IllegalArgumentException naming the setting and file that are wrong, never a secret
   */
  public WorkflowServiceStubsOptions serviceStubsOptions(
      Map<String, String> environment, SecretFiles files) {
    Optional<Secret> key = apiKey == null ? Optional.empty() : apiKey.resolve(environment, files);
    if (key.isPresent() && !tls) {
      throw new IllegalArgumentException(
          "a Temporal API key is only sent over TLS: set "
              + ENV_TLS
              + "=true (temporal.tls: true)");
    }
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    if (tls) {
      options.setSslContext(TlsContext.build(this, files));
      if (present(serverName)) {
        options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
      }
    }
    key.ifPresent(secret -> options.addApiKey(secret::text));
    return options.build();
  }

  /** What the log may say about this connection: never a secret, only where they are. */
  public String describe() {
    if (!tls) {
      return target + " (namespace " + namespace + ", plaintext)";
    }
    return target
        + " (namespace "
        + namespace
        + ", TLS"
        + (clientCertFile != null ? ", client certificate " + clientCertFile : "")
        + (serverName != null ? ", server name " + serverName : "")
        + (apiKey != null && (apiKey.file() != null) ? ", API key from " + apiKey.file() : "")
        + ")";
  }

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  private static String blankToNull(String text) {
    return present(text) ? text.strip() : null;
  }

  private static Path path(String text) {
    return present(text) ? Path.of(text.strip()) : null;
  }
}
