package io.keyward.api;

import io.dropwizard.lifecycle.Managed;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/** Shuts down the gRPC channel to Temporal when the application stops. */
final class ManagedServiceStubs implements Managed {
  private final WorkflowServiceStubs stubs;

  ManagedServiceStubs(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  @Override
  public void stop() throws InterruptedException {
    stubs.shutdown();
    stubs.awaitTermination(10, TimeUnit.SECONDS);
  }
}
