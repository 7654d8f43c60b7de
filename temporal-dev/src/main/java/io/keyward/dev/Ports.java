package io.keyward.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Port checks made before anything starts, so a busy port is reported by name and not by a stack.
 */
final class Ports {
  private Ports() {}

  /**
   * Returns {@code port} when it is free, or a free port chosen by the system when it is 0.
   *
   * @throws IllegalStateException naming {@code setting} when the port is in use
   */
  static int freeOrAny(int port, String setting) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return socket.getLocalPort();
    } catch (IOException busy) {
      if (port == 0) {
        throw new UncheckedIOException("no free port for " + setting, busy);
      }
      throw new IllegalStateException(
          "port "
              + port
              + " is in use (is Keyward or another Temporal already running?); stop what uses it"
              + " or choose another port with "
              + setting);
    }
  }
}
