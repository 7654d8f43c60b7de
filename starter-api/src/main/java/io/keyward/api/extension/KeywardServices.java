package io.keyward.api.extension;

import io.keyward.activities.audit.AuditStore;
import io.keyward.activities.directory.Directory;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.generation.GenerationCeremonies;
import io.temporal.client.WorkflowClient;
import java.util.Objects;

/**
 * What the application built for its API, handed to each {@link KeywardExtension} so that what is
 * served beside the API takes the same decisions through the same services: a decision made on a
 * web page is refused exactly as the same decision over the API. The extension must not close any
 * of these; the application owns them.
 */
public record KeywardServices(
    KeywardConfiguration configuration,
    WorkflowClient client,
    Directory directory,
    AuditStore audit,
    GenerationCeremonies generations) {
  public KeywardServices {
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(generations, "generations");
  }
}
