package io.keyward.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's admin endpoint, which a worker needs as the API's admin port gives it: {@code GET
 * /metrics} in Prometheus' text format (Temporal SDK metrics, key operation latency, the
 * ceremonies' KPIs, JVM) and {@code GET /healthcheck}, a JSON object of {@link WorkerHealth}'s
 * checks answered 200 when all are healthy and 500 otherwise. No sign-in: bind it to loopback or a
 * private network ({@link WorkerAdminSettings}).
 */
public final class WorkerAdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerAdminServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads;

  private WorkerAdminServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static WorkerAdminServer start(
      WorkerAdminSettings settings, PrometheusMeterRegistry registry, WorkerHealth health) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.bindHost(), settings.port()), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the worker's admin endpoint cannot listen on "
              + settings.bindHost()
              + ":"
              + settings.port()
              + " (KEYWARD_WORKER_ADMIN_PORT chooses the port)",
          e);
    }
    server.createContext(
        "/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
    server.createContext("/healthcheck", exchange -> healthcheck(exchange, health));
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "keyward-worker-admin");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.start();
    LOG.info(
        "Worker metrics on http://{}:{}/metrics, health on /healthcheck",
        settings.bindHost(),
        server.getAddress().getPort());
    return new WorkerAdminServer(server, threads);
  }

  /** The port it listens on, the chosen one when the settings said 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void healthcheck(HttpExchange exchange, WorkerHealth health) throws IOException {
    List<WorkerHealth.Check> checks = health.run();
    ObjectNode body = JSON.createObjectNode();
    checks.forEach(
        c -> body.putObject(c.name()).put("healthy", c.healthy()).put("message", c.message()));
    boolean healthy = checks.stream().allMatch(WorkerHealth.Check::healthy);
    answer(exchange, healthy ? 200 : 500, "application/json", JSON.writeValueAsString(body));
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(1);
    threads.shutdownNow();
  }
}
