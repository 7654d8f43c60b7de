package io.keyward.worker;

import io.keyward.activities.access.AccessGrantActivitiesImpl;
import io.keyward.activities.audit.AuditActivitiesImpl;
import io.keyward.activities.dependencies.DependencyActivitiesImpl;
import io.keyward.activities.evidence.EvidenceActivitiesImpl;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.activities.hsm.KeyProviderActivitiesImpl;
import io.keyward.activities.hsm.ProviderHealth;
import io.keyward.activities.hsm.ProviderRouting;
import io.keyward.activities.hsm.TimedKeyProvider;
import io.keyward.activities.hsm.config.ConfiguredProviders;
import io.keyward.activities.integration.GiveUpRecord;
import io.keyward.activities.notify.LoggingNotifications;
import io.keyward.activities.register.KeyRegisterActivitiesImpl;
import io.keyward.activities.rotation.KeyInventoryActivitiesImpl;
import io.keyward.activities.rotation.LifecycleEnrolmentActivitiesImpl;
import io.keyward.activities.rotation.ProviderLimits;
import io.keyward.activities.rotation.RateLimitedKeyProvider;
import io.keyward.activities.servicenow.UnconfiguredTickets;
import io.keyward.activities.stores.DatabaseEnvironment;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.activities.webauthn.CredentialActivitiesImpl;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.attestation.SigningSettings;
import io.keyward.workflows.attestation.TrustedKeys;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.notify.NotificationActivities;
import io.keyward.workflows.servicenow.TicketActivities;
import io.keyward.workflows.stores.Stores;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activity implementations of one worker, built from its settings, and the stores they hold
 * open (audit trail, break-glass grants, dependency map, in the database every worker and API
 * replica shares). The stores are exposed so a one-process deployment shares them with the API.
 */
public final class KeywardActivities implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeywardActivities.class);

  /** The environment variable with the per-provider limits, e.g. {@code software=concurrency:8}. */
  public static final String PROVIDER_LIMITS = "KEYWARD_PROVIDER_LIMITS";

  private final Stores stores;
  private final List<Object> implementations;
  private final List<ProviderHealth> providerHealth;
  private TrustedKeys trustedSigners;

  public KeywardActivities(Stores stores, List<KeyProvider> providers, boolean devMode) {
    this(stores, providers, devMode, new LoggingNotifications(), new UnconfiguredTickets());
  }

  /** With the notifier (Slack or the log) and the ticket write-back (ServiceNow or the log). */
  public KeywardActivities(
      Stores stores,
      List<KeyProvider> providers,
      boolean devMode,
      NotificationActivities notifications,
      TicketActivities tickets) {
    this(stores, providers, devMode, notifications, tickets, ProviderLimits.defaults());
  }

  /**
   * With the limit of each provider: every provider is wrapped in a {@link RateLimitedKeyProvider}
   * so that many rotations at once, from any number of workers, stay within what the provider
   * allows in each vault (the turns are taken in the stores' database; see {@link ProviderLimits}
   * for the {@code KEYWARD_PROVIDER_LIMITS} format).
   */
  public KeywardActivities(
      Stores stores,
      List<KeyProvider> providers,
      boolean devMode,
      NotificationActivities notifications,
      TicketActivities tickets,
      ProviderLimits limits) {
    this(stores, providers, devMode, notifications, tickets, limits, new SimpleMeterRegistry());
  }

  /**
   * With the registry that times every provider call ({@link TimedKeyProvider}, inside the rate
   * limit so the wait for a turn is not counted as the provider's latency).
   */
  public KeywardActivities(
      Stores stores,
      List<KeyProvider> providers,
      boolean devMode,
      NotificationActivities notifications,
      TicketActivities tickets,
      ProviderLimits limits,
      MeterRegistry registry) {
    this.stores = stores;
    this.providerHealth = ProviderHealth.of(providers);
    AuditStore audit = stores.audit();
    ProviderRouting routing =
        new ProviderRouting(
            RateLimitedKeyProvider.wrap(
                TimedKeyProvider.wrap(providers, registry),
                limits,
                stores.providerRateLimits(),
                Clock.systemUTC()),
            devMode);
    LOG.info("Key providers by protection level: {}", ConfiguredProviders.describe(routing));
    LOG.info("Key provider limits (creations per vault, all workers together): {}", limits);
    KeyProviderActivitiesImpl keys = new KeyProviderActivitiesImpl(routing);
    this.implementations =
        List.of(
            keys,
            new AuditActivitiesImpl(audit),
            notifications,
            tickets,
            new AccessGrantActivitiesImpl(stores.accessGrants()),
            new EvidenceActivitiesImpl(audit),
            new DependencyActivitiesImpl(stores.dependencyMap()),
            new KeyInventoryActivitiesImpl(keys),
            new LifecycleEnrolmentActivitiesImpl(),
            new KeyRegisterActivitiesImpl(stores.keyRegister()),
            new CredentialActivitiesImpl(stores.credentials()));
  }

  /**
   * Opens the key providers of the providers file named by {@code KEYWARD_PROVIDERS_FILE} in {@code
   * environment} (the software keystore alone when it is unset) and the stores in the database that
   * {@code environment} names (see {@link DatabaseEnvironment}; the embedded database in the data
   * directory when none is named); each provider is held to its limit from {@value
   * #PROVIDER_LIMITS} (see {@link ProviderLimits}). Secrets such as a token's PIN, the database
   * password and the audit key are read from {@code environment} too.
   */
  public static KeywardActivities open(WorkerSettings settings, Map<String, String> environment) {
    return open(settings, environment, new SimpleMeterRegistry());
  }

  /** As {@link #open(WorkerSettings, Map)}, timing the provider calls in {@code registry}. */
  public static KeywardActivities open(
      WorkerSettings settings, Map<String, String> environment, MeterRegistry registry) {
    List<KeyProvider> providers =
        ConfiguredProviders.fromEnvironment(
            environment,
            new ConfiguredProviders.Defaults(
                settings.keysDir(), settings.devMasterSecretFile(), settings.devMode()));
    JdbcStores stores =
        JdbcStores.open(
            DatabaseEnvironment.settings(environment, settings.dataDir(), Files::readString));
    LOG.info("Stores in the {}", stores.describe());
    try {
      GiveUpRecord givenUp = new GiveUpRecord(stores.audit(), Clock.systemUTC());
      TrustedKeys trusted =
          SigningKeySource.onClassPath()
              .trusted(
                  SigningSettings.fromEnvironment(
                      environment, settings.dataDir(), settings.devMode()),
                  environment);
      KeywardActivities activities =
          new KeywardActivities(
              stores,
              providers,
              settings.devMode(),
              PeopleIntegrations.notifications(environment, givenUp),
              PeopleIntegrations.tickets(environment, givenUp),
              ProviderLimits.parse(environment.get(PROVIDER_LIMITS)),
              registry);
      activities.trustedSigners = trusted;
      return activities;
    } catch (RuntimeException misconfigured) {
      stores.close();
      throw misconfigured;
    }
  }

  /**
   * The keys whose signatures on people's inputs the worker accepts ({@code KEYWARD_SIGNING_KEY},
   * {@code KEYWARD_TRUSTED_SIGNERS_FILE}).
   *
   * @throws IllegalStateException when these activities were not opened from settings
   */
  public TrustedKeys trustedSigners() {
    if (trustedSigners == null) {
      throw new IllegalStateException(
          "no trusted signing keys: open the activities from settings, or give the worker its"
              + " trusted keys");
    }
    return trustedSigners;
  }

  public AuditStore audit() {
    return stores.audit();
  }

  /** The stores the activities use, for an API in the same process. */
  public Stores stores() {
    return stores;
  }

  /** One health check per configured key provider (not the dev-mode stand-in). */
  public List<ProviderHealth> providerHealth() {
    return providerHealth;
  }

  List<Object> implementations() {
    return implementations;
  }

  @Override
  public void close() {
    providerHealth.forEach(ProviderHealth::close);
    stores.close();
  }
}
