package io.keyward.worker;

import io.keyward.activities.access.AccessGrantActivitiesImpl;
import io.keyward.activities.access.AccessGrantStore;
import io.keyward.activities.access.JsonFileAccessGrantStore;
import io.keyward.activities.audit.AuditActivitiesImpl;
import io.keyward.activities.audit.AuditStore;
import io.keyward.activities.audit.JsonLinesAuditStore;
import io.keyward.activities.evidence.EvidenceActivitiesImpl;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.config.ConfiguredProviders;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.notify.LoggingNotifications;
import io.keyward.activities.servicenow.UnconfiguredTickets;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.servicenow.TicketActivities;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activity implementations of one worker, built from its settings, and the stores they hold
 * open. The audit store is exposed so a one-process deployment shares it with the API.
 */
public final class KeywardActivities implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeywardActivities.class);

  private final AuditStore audit;
  private final List<Object> implementations;

  public KeywardActivities(AuditStore audit, List<KeyProvider> providers, boolean devMode) {
    this(audit, providers, devMode, new LoggingNotifications(), new UnconfiguredTickets());
  }

  /** With the notifier (Slack or the log) and the ticket write-back (ServiceNow or the log). */
  public KeywardActivities(
      AuditStore audit,
      List<KeyProvider> providers,
      boolean devMode,
      NotificationActivities notifications,
      TicketActivities tickets) {
    this.audit = audit;
    ProviderRouting routing = new ProviderRouting(providers, devMode);
    LOG.info("Key providers by protection level: {}", ConfiguredProviders.describe(routing));
    this.implementations =
        List.of(
            new KeyProviderActivitiesImpl(routing),
            new AuditActivitiesImpl(audit),
            notifications,
            tickets,
            new AccessGrantActivitiesImpl(grantsBeside(audit)),
            new EvidenceActivitiesImpl(audit));
  }

  /** The break-glass grant store in the data directory of the audit trail, where the API looks. */
  private static AccessGrantStore grantsBeside(AuditStore audit) {
    if (audit instanceof JsonLinesAuditStore file) {
      return JsonFileAccessGrantStore.open(JsonFileAccessGrantStore.besideAuditTrail(file.path()));
    }
    throw new IllegalArgumentException(
        "the break-glass grant store lives beside a JSON-lines audit trail; got "
            + audit.getClass().getSimpleName());
  }

  /**
   * Opens the key providers of the providers file named by {@code KEYWARD_PROVIDERS_FILE} (the
   * software keystore alone when it is unset) and the JSON-lines audit trail.
   */
  public static KeywardActivities open(WorkerSettings settings) {
    List<KeyProvider> providers =
        ConfiguredProviders.fromEnvironment(
            System.getenv(),
            new ConfiguredProviders.Defaults(
                settings.keysDir(), settings.devMasterSecretFile(), settings.devMode()));
    AuditStore audit = JsonLinesAuditStore.open(settings.auditFile());
    try {
      GiveUpRecord givenUp = new GiveUpRecord(audit, Clock.systemUTC());
      return new KeywardActivities(
          audit,
          providers,
          settings.devMode(),
          PeopleIntegrations.notifications(System.getenv(), givenUp),
          PeopleIntegrations.tickets(System.getenv(), givenUp));
    } catch (RuntimeException misconfigured) {
      audit.close();
      throw misconfigured;
    }
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
