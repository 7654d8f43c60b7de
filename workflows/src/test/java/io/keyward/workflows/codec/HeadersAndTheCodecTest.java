package io.keyward.workflows.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.context.ContextPropagator;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the Java SDK does with Temporal headers under Keyward's data converter: nothing. It stores
 * the {@link Payload} an interceptor or context propagator puts into a header as it is, so a header
 * is encrypted only when it was made with the client's converter ({@code toPayload}), and one built
 * by hand (e.g. {@code json/plain}) is stored, and shown in Temporal Web, in clear.
 */
class HeadersAndTheCodecTest {
  private static final String TASK_QUEUE = "headers";

  @WorkflowInterface
  public interface Echo {
    @WorkflowMethod
    String echo(String text);
  }

  public static class EchoImpl implements Echo {
    @Override
    public String echo(String text) {
      return text;
    }
  }

  @Test
  void storesHeaderPayloadsAsTheInterceptorMadeThem() {
    DataConverter converter =
        KeywardDataConverter.with(
            new EncryptingPayloadCodec(new InMemoryKeks().rotateTo("test:kek/headers@1")));
    try (TestWorkflowEnvironment environment =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(converter)
                        .setContextPropagators(
                            List.of(
                                new FixedHeader(
                                    "through-the-converter",
                                    converter.toPayload("claims 5e1a").orElseThrow()),
                                new FixedHeader(
                                    "built-by-hand",
                                    Payload.newBuilder()
                                        .putMetadata(
                                            "encoding", ByteString.copyFromUtf8("json/plain"))
                                        .setData(ByteString.copyFromUtf8("\"claims 5e1a\""))
                                        .build())))
                        .build())
                .build())) {
      Worker worker = environment.newWorker(TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(EchoImpl.class);
      environment.start();
      WorkflowClient client = environment.getWorkflowClient();
      Echo echo =
          client.newWorkflowStub(
              Echo.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId("headers")
                  .setTaskQueue(TASK_QUEUE)
                  .build());
      assertThat(echo.echo("input 5e1a")).isEqualTo("input 5e1a");

      HistoryEvent started = client.fetchHistory("headers").getEvents().get(0);
      Map<String, Payload> header =
          started.getWorkflowExecutionStartedEventAttributes().getHeader().getFieldsMap();

      assertThat(
              EncryptingPayloadCodec.isEncrypted(
                  started.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0)))
          .as("the input")
          .isTrue();
      assertThat(EncryptingPayloadCodec.isEncrypted(header.get("through-the-converter"))).isTrue();
      assertThat(EncryptingPayloadCodec.isEncrypted(header.get("built-by-hand"))).isFalse();
      assertThat(header.get("built-by-hand").getData().toStringUtf8()).contains("claims 5e1a");
    }
  }

  /** Puts one payload into every header under its name, as a signing interceptor would. */
  private record FixedHeader(String name, Payload payload) implements ContextPropagator {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public Map<String, Payload> serializeContext(Object context) {
      return Map.of(name, payload);
    }

    @Override
    public Object deserializeContext(Map<String, Payload> header) {
      return header.get(name);
    }

    @Override
    public Object getCurrentContext() {
      return payload;
    }

    @Override
    public void setCurrentContext(Object context) {}
  }
}
