package io.keyward.dev;

import io.keyward.activities.hsm.ProviderHealth;
import io.keyward.workflows.codec.CodecSettings;
import io.keyward.workflows.stores.Stores;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;

/**
 * Keyward's Dropwizard application running in this process on the worker's client, stores and
 * metrics registry, with the worker's key providers among its health checks. Close it before the
 * worker and the stores: requests in flight use both. Dev mode and the benchmark start it.
 */
public final class ApiServer implements AutoCloseable {
  private final Server jetty;

  private ApiServer(Server jetty) {
    this.jetty = jetty;
  }

  /**
   * Runs {@code server <config>} and returns once Jetty accepts connections.
   *
   * @param devValues the {@code ${keyward.dev.*}} values of the configuration, without the prefix
   */
  public static ApiServer start(
      WorkflowClient client,
      Stores stores,
      PrometheusMeterRegistry registry,
      List<ProviderHealth> providers,
      Path config,
      Map<String, String> devValues)
      throws Exception {
    Map<String, String> prefixed = new HashMap<>();
    withCodecKeys(devValues)
        .forEach((name, value) -> prefixed.put(DevApplication.PREFIX + name, value));
    DevApplication application = new DevApplication(client, stores, registry, providers, prefixed);
    application.run("server", config.toString());
    Server jetty = application.server();
    if (jetty == null) {
      throw new IllegalStateException("the Keyward API did not start; see the log above");
    }
    return new ApiServer(jetty);
  }

  /** The configuration's {@code ${keyward.dev.codecKek}}: the key-encryption key. */
  static final String CODEC_KEK = "codecKek";

  /** The configuration's {@code ${keyward.dev.codecRetiredKeks}}, comma-separated. */
  static final String CODEC_RETIRED_KEKS = "codecRetiredKeks";

  /**
   * {@code values} with {@code codecKek} and {@code codecRetiredKeks} as given, or else as the
   * process environment names them ({@code KEYWARD_CODEC_KEK}, {@code KEYWARD_CODEC_RETIRED_KEKS}).
   */
  private static Map<String, String> withCodecKeys(Map<String, String> values) {
    if (values.containsKey(CODEC_KEK) && values.containsKey(CODEC_RETIRED_KEKS)) {
      return values;
    }
    CodecSettings environment =
        CodecSettings.fromEnvironment(
            System.getenv(), Path.of(values.getOrDefault("dataDir", ".")), true);
    Map<String, String> completed = new HashMap<>(values);
    completed.putIfAbsent(CODEC_KEK, environment.keyEncryptionKey());
    completed.putIfAbsent(
        CODEC_RETIRED_KEKS, String.join(",", environment.retiredKeyEncryptionKeys()));
    return completed;
  }

  /** Stops taking requests and lets those in flight finish (Dropwizard's shutdown grace period). */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the Keyward API did not stop cleanly", e);
    }
  }
}
