package io.keyward.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Asks the Temporal frontend for its system info: healthy only when Temporal answers within the
 * timeout, because without it no ceremony can start or take a decision.
 */
public final class TemporalHealthCheck extends HealthCheck {
  private final WorkflowServiceStubs stubs;
  private final Duration timeout;

  public TemporalHealthCheck(WorkflowServiceStubs stubs, Duration timeout) {
    this.stubs = stubs;
    this.timeout = timeout;
  }

  @Override
  protected Result check() {
    try {
      GetSystemInfoResponse info =
          stubs
              .blockingStub()
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      String version = info.getServerVersion();
      return Result.healthy("Temporal answers" + (version.isEmpty() ? "" : ", version " + version));
    } catch (StatusRuntimeException unreachable) {
      return Result.unhealthy(
          "Temporal does not answer: "
              + unreachable.getStatus().getCode()
              + (unreachable.getStatus().getDescription() == null
                  ? ""
                  : " (" + unreachable.getStatus().getDescription() + ")")
              + rootCause(unreachable));
    }
  }

  /**
   * Why the connection failed, e.g. a server certificate no trusted CA signed: TLS failures say it
   * only in the innermost cause. Its message names certificates and hosts, never a key.
   */
  private static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure || root.getMessage() == null ? "" : ": " + root.getMessage();
  }
}
