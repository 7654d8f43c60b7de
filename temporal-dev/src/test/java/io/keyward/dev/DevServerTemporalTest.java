package io.keyward.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev server on a database an older Keyward made, with fewer search attributes. */
class DevServerTemporalTest {
  private Path cli;

  @TempDir Path stateDir;

  private final int port = Ports.freeOrAny(0, DevSettings.TEMPORAL_PORT);
  private final int uiPort = Ports.freeOrAny(0, DevSettings.TEMPORAL_UI_PORT);

  @BeforeEach
  void requireTemporalCli() {
    cli = RequiredTemporalCli.get();
  }

  @Test
  void addsTheSearchAttributesAnOlderDatabaseLacks() {
    createDatabaseWith("KeywardPhase=Keyword");

    try (DevServerTemporal temporal = start()) {
      assertThat(customSearchAttributes(temporal.target()))
          .containsAllEntriesOf(SearchAttributeTypes.indexed(KeywardSearchAttributes.DEFINITIONS));
      assertThat(temporal.database()).contains(stateDir.resolve("temporal.db").toAbsolutePath());
    }
  }

  @Test
  void refusesADatabaseWhereAnAttributeHasAnotherTypeAndStopsTheServer() {
    createDatabaseWith("KeywardKind=Text");

    assertThatThrownBy(this::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("search attribute KeywardKind has type INDEXED_VALUE_TYPE_TEXT")
        .hasMessageContaining("Keyward needs INDEXED_VALUE_TYPE_KEYWORD");
    assertThat(Ports.freeOrAny(port, DevSettings.TEMPORAL_PORT)).isEqualTo(port);
  }

  private DevServerTemporal start() {
    return DevServerTemporal.start(
        cli, port, uiPort, stateDir, DefaultDataConverter.newDefaultInstance(), null);
  }

  /** What an older Keyward left behind: a database made with other search attributes. */
  private void createDatabaseWith(String searchAttribute) {
    TemporalDevServer.start(
            TemporalDevServerOptions.newBuilder()
                .setExistingPath(cli.toString())
                .setDownloadEnabled(false)
                .setPort(port)
                .setDatabaseFilename(stateDir.resolve("temporal.db").toString())
                .setLogFile(stateDir.resolve("older.log").toString())
                .setExtraArgs("--search-attribute", searchAttribute)
                .build())
        .close();
  }

  private static Map<String, IndexedValueType> customSearchAttributes(String target) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder()
                  .setNamespace(DevServerTemporal.NAMESPACE)
                  .build())
          .getCustomAttributesMap();
    } finally {
      operator.shutdown();
    }
  }
}
