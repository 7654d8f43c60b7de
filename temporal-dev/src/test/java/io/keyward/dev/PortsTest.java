package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void namesTheSettingOfAPortInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> Ports.freeOrAny(taken.getLocalPort(), "KEYWARD_HTTP_PORT"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " is in use")
          .hasMessageContaining("KEYWARD_HTTP_PORT");
    }
  }

  @Test
  void choosesAFreePortForZero() {
    assertThat(Ports.freeOrAny(0, "KEYWARD_HTTP_PORT")).isBetween(1, 65535);
  }
}
