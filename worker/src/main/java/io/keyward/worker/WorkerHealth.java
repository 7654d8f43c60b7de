package io.keyward.worker;

import io.grpc.StatusRuntimeException;
import io.keyward.activities.hsm.ProviderHealth;
import io.keyward.workflows.stores.Stores;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker's health checks, named as the API's are: {@code temporal} (the frontend answers its
 * system info), {@code database} (the stores' database answers) and {@code provider-<name>} for
 * each configured key provider ({@link ProviderHealth}).
 */
public final class WorkerHealth {
  private static final Duration TEMPORAL_TIMEOUT = Duration.ofSeconds(5);

  /** One check's answer. */
  public record Check(String name, boolean healthy, String message) {}

  private final WorkflowServiceStubs temporal;
  private final Stores stores;
  private final List<ProviderHealth> providers;

  public WorkerHealth(
      WorkflowServiceStubs temporal, Stores stores, List<ProviderHealth> providers) {
    this.temporal = temporal;
    this.stores = stores;
    this.providers = List.copyOf(providers);
  }

  /** Runs every check; the providers' answers may be a few seconds old. */
  public List<Check> run() {
    List<Check> checks = new ArrayList<>();
    checks.add(temporal());
    checks.add(database());
    for (ProviderHealth provider : providers) {
      ProviderHealth.Status status = provider.check();
      checks.add(new Check("provider-" + status.provider(), status.healthy(), status.message()));
    }
    return checks;
  }

  private Check temporal() {
    try {
      temporal
          .blockingStub()
          .withDeadlineAfter(TEMPORAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return new Check("temporal", true, "Temporal answers");
    } catch (StatusRuntimeException unreachable) {
      return new Check(
          "temporal", false, "Temporal does not answer: " + unreachable.getStatus().getCode());
    }
  }

  private Check database() {
    try {
      stores.check();
      return new Check("database", true, "the stores' database answers");
    } catch (RuntimeException e) {
      return new Check("database", false, e.getMessage());
    }
  }
}
