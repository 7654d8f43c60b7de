package io.keyward.api.incident;

import io.dropwizard.core.setup.Environment;
import io.keyward.activities.access.AccessGrantStore;
import io.keyward.activities.audit.AuditStore;
import io.keyward.activities.directory.Directory;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.breakglass.BreakGlassResource;
import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.api.compromise.CompromiseResource;
import io.keyward.api.compromise.CompromiseResponses;
import io.temporal.client.WorkflowClient;
import java.time.Clock;

/**
 * Serves the incident endpoints: break-glass sessions ({@code /api/break-glass}, runbook 8.3) and
 * compromise responses ({@code /api/compromises}, runbook 11), reading break-glass grants from the
 * store the configuration's {@code access} section names.
 */
public final class IncidentApi {
  private IncidentApi() {}

  public static void register(
      KeywardConfiguration configuration,
      Environment environment,
      WorkflowClient client,
      Directory directory,
      AuditStore audit) {
    Clock clock = Clock.systemUTC();
    String taskQueue = configuration.getTemporal().getTaskQueue();
    AccessGrantStore grants = configuration.getAccess().open(configuration.getAudit().getFile());
    environment
        .jersey()
        .register(
            new BreakGlassResource(
                new BreakGlassSessions(client, taskQueue, directory, grants, audit, clock)));
    environment
        .jersey()
        .register(new CompromiseResource(new CompromiseResponses(client, taskQueue, audit, clock)));
  }
}
