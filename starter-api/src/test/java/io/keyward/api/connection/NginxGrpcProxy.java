package io.keyward.api.connection;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's nginx as a TLS-terminating gRPC proxy in front of a plaintext Temporal frontend,
 * demanding a client certificate signed by the CA it is given ({@code ssl_verify_client on}). Runs
 * as a child process on a free port until closed. Without nginx a test is skipped on a laptop and
 * fails when {@code CI=true}.
 */
final class NginxGrpcProxy implements AutoCloseable {
  static final Path NGINX = Path.of("/usr/sbin/nginx");

  private final Process process;
  private final int port;
  private final Path errorLog;

  private NginxGrpcProxy(Process process, int port, Path errorLog) {
    this.process = process;
    this.port = port;
    this.errorLog = errorLog;
  }

  static NginxGrpcProxy start(
      Path dir, int backendPort, TestCertificates.Issued server, Path clientCa) throws Exception {
    requireNginx();
    int port = freePort();
    Path errorLog = dir.resolve("nginx-error.log");
    Path config = dir.resolve("nginx.conf");
    Files.writeString(
        config,
        """
        daemon off;
        master_process off;
        pid %1$s/nginx.pid;
        error_log %2$s info;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%3$d ssl http2;
            ssl_certificate %4$s;
            ssl_certificate_key %5$s;
            ssl_client_certificate %6$s;
            ssl_verify_client on;
            location / {
              grpc_pass grpc://127.0.0.1:%7$d;
            }
          }
        }
        """
            .formatted(
                dir, errorLog, port, server.certificate(), server.key(), clientCa, backendPort));
    Process process =
        new ProcessBuilder(
                NGINX.toString(),
                "-p",
                dir.toString(),
                "-c",
                config.toString(),
                "-e",
                errorLog.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    NginxGrpcProxy proxy = new NginxGrpcProxy(process, port, errorLog);
    proxy.awaitListening(Duration.ofSeconds(10));
    return proxy;
  }

  int port() {
    return port;
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  private void awaitListening(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("nginx ended at start: " + Files.readString(errorLog));
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        if (socket.isConnected()) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    close();
    fail("nginx did not listen on " + port + " within " + timeout);
  }

  private static void requireNginx() {
    if (Files.isExecutable(NGINX)) {
      return;
    }
    String missing = "no nginx at " + NGINX + ": apt-get install nginx-light";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(missing + " (CI=true, so this test must run)");
    }
    Assumptions.abort(missing);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
