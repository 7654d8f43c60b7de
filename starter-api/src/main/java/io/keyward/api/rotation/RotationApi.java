package io.keyward.api.rotation;

import io.dropwizard.core.setup.Environment;
import io.keyward.activities.audit.AuditStore;
import io.keyward.activities.dependencies.JsonFileDependencyMap;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.keys.DependencyMaps;
import io.keyward.api.keys.KeyLifecycles;
import io.keyward.api.keys.KeysResource;
import io.temporal.client.WorkflowClient;
import java.time.Clock;

/**
 * Serves the rotation endpoints: manual rotations ({@code /api/rotations}, runbook 6.3) and keys
 * under policy ({@code /api/keys}: lifecycles, approval gates, the dependency map, reconciliation,
 * runbook 6.1 and 6.2). The dependency map is the file beside the audit trail's data directory,
 * where the worker reads it.
 */
public final class RotationApi {
  private RotationApi() {}

  public static void register(
      KeywardConfiguration configuration,
      Environment environment,
      WorkflowClient client,
      AuditStore audit) {
    Clock clock = Clock.systemUTC();
    String taskQueue = configuration.getTemporal().getTaskQueue();
    environment
        .jersey()
        .register(
            new RotationResource(
                new ManualRotations(
                    client, taskQueue, configuration.getCeremony().stepTimeout(), audit, clock)));
    JsonFileDependencyMap map =
        new JsonFileDependencyMap(
            JsonFileDependencyMap.besideAuditTrail(configuration.getAudit().getFile()));
    environment
        .jersey()
        .register(
            new KeysResource(
                new KeyLifecycles(client, taskQueue, audit, clock),
                new DependencyMaps(map, audit, clock)));
  }
}
