package io.keyward.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

class IncidentIdTest {
  @Test
  void acceptsServiceNowStyleIds() {
    assertThat(new IncidentId("INC0012345").value()).isEqualTo("INC0012345");
    assertThat(new IncidentId("sec-2026_11.3")).hasToString("sec-2026_11.3");
  }

  @Test
  void refusesIdsThatAreUnsafeInAWorkflowIdOrPath() {
    assertThatThrownBy(() -> new IncidentId("INC/1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incident id must be 1-64 letters, digits, dots, dashes")
        .hasMessageContaining("'INC/1'");
    assertThatThrownBy(() -> new IncidentId("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IncidentId(null)).hasMessageContaining("null");
    assertThatThrownBy(() -> new IncidentId("-leading-dash"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNewWhichNamesThePagesThatStartAnIncident() {
    assertThatThrownBy(() -> new IncidentId("New"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "incident id 'new' is reserved: it names the pages that declare or report an incident");
    assertThat(new IncidentId("new-1")).hasToString("new-1");
  }

  @Test
  void travelsThroughTemporalAsABareString() {
    DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;
    var payload = converter.toPayload(new IncidentId("INC7")).orElseThrow();

    assertThat(payload.getData().toStringUtf8()).isEqualTo("\"INC7\"");
    assertThat(converter.fromPayload(payload, IncidentId.class, IncidentId.class))
        .isEqualTo(new IncidentId("INC7"));
  }
}
