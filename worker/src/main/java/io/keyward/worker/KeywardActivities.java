package io.keyward.worker;

import io.keyward.activities.audit.AuditActivitiesImpl;
import io.keyward.activities.audit.AuditStore;
import io.keyward.activities.audit.JsonLinesAuditStore;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.MasterSecret;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.SoftwareKeyProvider;
import io.keyward.activities.notify.LoggingNotifications;
import java.time.Clock;
import java.util.List;

/**
 * The activity implementations of one worker, built from its settings, and the stores they hold
 * open. The audit store is exposed so a one-process deployment shares it with the API.
 */
public final class KeywardActivities implements AutoCloseable {
  private final AuditStore audit;
  private final List<Object> implementations;

  public KeywardActivities(AuditStore audit, List<KeyProvider> providers, boolean devMode) {
    this.audit = audit;
    this.implementations =
        List.of(
            new KeyProviderActivitiesImpl(new ProviderRouting(providers, devMode)),
            new AuditActivitiesImpl(audit),
            new LoggingNotifications());
  }

  /** Opens the embedded defaults: the software keystore and the JSON-lines audit trail. */
  public static KeywardActivities open(WorkerSettings settings) {
    MasterSecret secret =
        settings.devMode()
            ? MasterSecret.loadOrGenerate(settings.devMasterSecretFile())
            : MasterSecret.fromEnvironment(System.getenv(), null);
    KeyProvider software = new SoftwareKeyProvider(settings.keysDir(), secret, Clock.systemUTC());
    return new KeywardActivities(
        JsonLinesAuditStore.open(settings.auditFile()), List.of(software), settings.devMode());
  }

  public AuditStore audit() {
    return audit;
  }

  List<Object> implementations() {
    return implementations;
  }

  @Override
  public void close() {
    audit.close();
  }
}
