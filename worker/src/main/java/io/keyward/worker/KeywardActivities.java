package io.keyward.worker;

import io.keyward.activities.access.AccessGrantActivitiesImpl;
import io.keyward.activities.access.JsonFileAccessGrantStore;
import io.keyward.activities.audit.AuditActivitiesImpl;
import io.keyward.activities.audit.JsonLinesAuditStore;
import io.keyward.activities.dependencies.DependencyActivitiesImpl;
import io.keyward.activities.dependencies.JsonFileDependencyMap;
import io.keyward.activities.evidence.EvidenceActivitiesImpl;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.config.ConfiguredProviders;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.notify.LoggingNotifications;
import io.keyward.activities.register.JsonFileKeyRegister;
import io.keyward.activities.register.KeyRegisterActivitiesImpl;
import io.keyward.activities.rotation.KeyInventoryActivitiesImpl;
import io.keyward.activities.rotation.LifecycleEnrolmentActivitiesImpl;
import io.keyward.activities.rotation.ProviderLimits;
import io.keyward.activities.rotation.RateLimitedKeyProvider;
import io.keyward.activities.servicenow.UnconfiguredTickets;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.breakglass.AccessGrantStore;
import io.keyward.workflows.dependencies.DependencyMap;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.register.KeyRegister;
import io.keyward.workflows.servicenow.TicketActivities;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activity implementations of one worker, built from its settings, and the stores they hold
 * open. The audit store is exposed so a one-process deployment shares it with the API.
 */
public final class KeywardActivities implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeywardActivities.class);

  /** The environment variable with the per-provider limits, e.g. {@code software=concurrency:8}. */
  public static final String PROVIDER_LIMITS = "KEYWARD_PROVIDER_LIMITS";

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
    this(audit, providers, devMode, notifications, tickets, ProviderLimits.defaults());
  }

  /**
   * With the limit of each provider: every provider is wrapped in a {@link RateLimitedKeyProvider}
   * so that many rotations at once stay within what the provider allows (see {@link ProviderLimits}
   * for the {@code KEYWARD_PROVIDER_LIMITS} format).
   */
  public KeywardActivities(
      AuditStore audit,
      List<KeyProvider> providers,
      boolean devMode,
      NotificationActivities notifications,
      TicketActivities tickets,
      ProviderLimits limits) {
    this.audit = audit;
    ProviderRouting routing =
        new ProviderRouting(RateLimitedKeyProvider.wrap(providers, limits), devMode);
    LOG.info("Key providers by protection level: {}", ConfiguredProviders.describe(routing));
    LOG.info("Key provider limits per worker: {}", limits);
    KeyProviderActivitiesImpl keys = new KeyProviderActivitiesImpl(routing);
    this.implementations =
        List.of(
            keys,
            new AuditActivitiesImpl(audit),
            notifications,
            tickets,
            new AccessGrantActivitiesImpl(grantsBeside(audit)),
            new EvidenceActivitiesImpl(audit),
            new DependencyActivitiesImpl(dependencyMapBeside(audit)),
            new KeyInventoryActivitiesImpl(keys),
            new LifecycleEnrolmentActivitiesImpl(),
            new KeyRegisterActivitiesImpl(registerBeside(audit)));
  }

  /** The dependency map in the data directory of the audit trail, where the API looks. */
  private static DependencyMap dependencyMapBeside(AuditStore audit) {
    if (audit instanceof JsonLinesAuditStore file) {
      return new JsonFileDependencyMap(JsonFileDependencyMap.besideAuditTrail(file.path()));
    }
    throw new IllegalArgumentException(
        "the dependency map lives beside a JSON-lines audit trail; got "
            + audit.getClass().getSimpleName());
  }

  /** The key register in the data directory of the audit trail, where the API looks. */
  private static KeyRegister registerBeside(AuditStore audit) {
    if (audit instanceof JsonLinesAuditStore file) {
      return JsonFileKeyRegister.open(JsonFileKeyRegister.besideAuditTrail(file.path()));
    }
    throw new IllegalArgumentException(
        "the key register lives beside a JSON-lines audit trail; got "
            + audit.getClass().getSimpleName());
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
   * Opens the key providers of the providers file named by {@code KEYWARD_PROVIDERS_FILE} in {@code
   * environment} (the software keystore alone when it is unset) and the JSON-lines audit trail;
   * each provider is held to its limit from {@value #PROVIDER_LIMITS} (see {@link ProviderLimits}).
   * Secrets such as a token's PIN are read from {@code environment} too.
   */
  public static KeywardActivities open(WorkerSettings settings, Map<String, String> environment) {
    List<KeyProvider> providers =
        ConfiguredProviders.fromEnvironment(
            environment,
            new ConfiguredProviders.Defaults(
                settings.keysDir(), settings.devMasterSecretFile(), settings.devMode()));
    AuditStore audit = JsonLinesAuditStore.open(settings.auditFile());
    try {
      GiveUpRecord givenUp = new GiveUpRecord(audit, Clock.systemUTC());
      return new KeywardActivities(
          audit,
          providers,
          settings.devMode(),
          PeopleIntegrations.notifications(environment, givenUp),
          PeopleIntegrations.tickets(environment, givenUp),
          ProviderLimits.parse(environment.get(PROVIDER_LIMITS)));
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
