package io.keyward.worker;

import java.util.Map;

/**
 * Where a worker serves its metrics and health checks ({@link WorkerAdminServer}): {@code
 * KEYWARD_WORKER_ADMIN_BIND_HOST} (default {@code 127.0.0.1}: the endpoint has no sign-in, so keep
 * it on loopback or a private network) and {@code KEYWARD_WORKER_ADMIN_PORT} (default {@value
 * #DEFAULT_PORT}; {@code 0} picks a free port, {@code off} serves nothing).
 */
public record WorkerAdminSettings(String bindHost, int port, boolean enabled) {
  public static final int DEFAULT_PORT = 8091;

  public WorkerAdminSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the worker's admin port must be 0..65535, was " + port);
    }
  }

  public static WorkerAdminSettings fromEnvironment(Map<String, String> env) {
    String host = env.getOrDefault("KEYWARD_WORKER_ADMIN_BIND_HOST", "127.0.0.1");
    String port = env.getOrDefault("KEYWARD_WORKER_ADMIN_PORT", Integer.toString(DEFAULT_PORT));
    if (port.equalsIgnoreCase("off")) {
      return new WorkerAdminSettings(host, 0, false);
    }
    try {
      return new WorkerAdminSettings(host, Integer.parseInt(port.strip()), true);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "KEYWARD_WORKER_ADMIN_PORT must be a port number or off, was " + port, e);
    }
  }
}
