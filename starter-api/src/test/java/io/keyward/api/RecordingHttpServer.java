package io.keyward.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A local HTTP server standing in for a SaaS API (Slack, ServiceNow) in tests: it records every
 * request and answers with what the test's handler says.
 */
public final class RecordingHttpServer implements AutoCloseable {
  /** A request as received. */
  public record Request(String method, URI uri, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** An answer: status, JSON body. */
  public record Answer(int status, String json) {}

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private volatile Function<Request, Answer> handler;

  public RecordingHttpServer(Function<Request, Answer> handler) throws IOException {
    this.handler = handler;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public void answerWith(Function<Request, Answer> handler) {
    this.handler = handler;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            Map.copyOf(exchange.getRequestHeaders()),
            body);
    synchronized (this) {
      requests.add(request);
    }
    Answer answer = handler.apply(request);
    byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
