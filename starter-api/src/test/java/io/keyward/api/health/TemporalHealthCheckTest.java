package io.keyward.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TemporalHealthCheckTest {
  @Test
  void isHealthyWhenTemporalAnswers() {
    try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance()) {
      Result result =
          new TemporalHealthCheck(
                  temporal.getWorkflowClient().getWorkflowServiceStubs(), Duration.ofSeconds(5))
              .execute();

      assertThat(result.isHealthy()).isTrue();
      assertThat(result.getMessage()).startsWith("Temporal answers");
    }
  }

  @Test
  void isUnhealthyWhenNothingListensAtTheTarget() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + closedPort).build());
    try {
      Result result = new TemporalHealthCheck(stubs, Duration.ofSeconds(2)).execute();

      assertThat(result.isHealthy()).isFalse();
      assertThat(result.getMessage()).startsWith("Temporal does not answer: UNAVAILABLE");
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
