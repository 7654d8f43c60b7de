package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DevBannerTest {
  @Test
  void linksTemporalWebFilteredOnCeremoniesAwaitingApproval() {
    assertThat(DevBanner.awaitingApproval(URI.create("http://localhost:8233/"), "default"))
        .hasToString(
            "http://localhost:8233/namespaces/default/workflows"
                + "?query=KeywardPhase%3D%22AWAITING_APPROVAL%22");
  }
}
