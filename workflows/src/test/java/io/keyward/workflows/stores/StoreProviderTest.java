package io.keyward.workflows.stores;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreProviderTest {
  @Test
  void withoutAProviderOnTheClassPathTheStartStopsSayingWhatIsMissing() {
    // The contracts module has no store of its own: nothing registers a provider here.
    assertThatThrownBy(StoreProvider::onClassPath)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no io.keyward.workflows.stores.StoreProvider on the class path")
        .hasMessageContaining("keyward-activities");
  }
}
