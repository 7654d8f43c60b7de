package io.keyward.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.keyward.api.auth.CredentialsFilter;
import io.keyward.api.auth.DirectoryAuthenticator;
import io.keyward.api.auth.KeywardPrincipal;
import io.keyward.api.auth.NoPasswordUsers;
import io.keyward.api.auth.PasswordAttempt;
import io.keyward.api.auth.VerifiedCredentialsCache;
import io.keyward.api.breakglass.BreakGlassResource;
import io.keyward.api.cli.BootstrapSecurityKeyCommand;
import io.keyward.api.cli.VerifyAuditCommand;
import io.keyward.api.codec.CodecCors;
import io.keyward.api.codec.CodecResource;
import io.keyward.api.codec.RemoteCodec;
import io.keyward.api.compromise.CompromiseResource;
import io.keyward.api.config.TemporalFactory;
import io.keyward.api.errors.JsonErrorHandler;
import io.keyward.api.errors.JsonInputExceptionMapper;
import io.keyward.api.errors.KeywardExceptionMapper;
import io.keyward.api.extension.KeywardExtension;
import io.keyward.api.extension.KeywardServices;
import io.keyward.api.generation.GenerationResource;
import io.keyward.api.health.DatabaseHealthCheck;
import io.keyward.api.health.TemporalHealthCheck;
import io.keyward.api.keys.KeysResource;
import io.keyward.api.logging.QuietRequestLog;
import io.keyward.api.metrics.ApiMetrics;
import io.keyward.api.rotation.RotationResource;
import io.keyward.api.webauthn.SecurityKeysResource;
import io.keyward.api.webhook.Webhooks;
import io.keyward.workflows.attestation.SigningClientInterceptor;
import io.keyward.workflows.attestation.SigningKeySource;
import io.keyward.workflows.codec.KeyEncryptionKeySource;
import io.keyward.workflows.codec.KeywardDataConverter;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.stores.StoreProvider;
import io.keyward.workflows.stores.StoreSettings;
import io.keyward.workflows.stores.Stores;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyward's REST API: starts key ceremonies and takes people's decisions on them. Run it with
 * {@code server config/keyward.yml}; verify the audit trail with {@code verify-audit
 * config/keyward.yml}.
 */
public class KeywardApplication extends Application<KeywardConfiguration> {
  /** The realm of the authentication challenges. */
  public static final String REALM = "keyward";

  /**
   * A person's verified Basic credentials are remembered this long (failures never are), so an API
   * client does not pay a bcrypt hash on every request.
   */
  static final Duration VERIFIED_PASSWORDS_KEPT = Duration.ofMinutes(2);

  /** At most this many verified credentials are remembered; the oldest go first. */
  static final int VERIFIED_PASSWORDS_MAX = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(KeywardApplication.class);

  private final WorkflowClient providedClient;
  private final Stores providedStores;
  private final ApiMetrics metrics;

  /** Connects to Temporal and opens the stores as the configuration says. */
  public KeywardApplication() {
    this.providedClient = null;
    this.providedStores = null;
    this.metrics = new ApiMetrics(ApiMetrics.newRegistry());
  }

  /**
   * Uses a client and stores that already exist, for a process that also runs the worker, so that
   * one connection pool serves both. The caller keeps ownership of both and closes them after the
   * application stopped.
   */
  public KeywardApplication(WorkflowClient client, Stores stores) {
    this(client, stores, ApiMetrics.newRegistry());
  }

  /**
   * As {@link #KeywardApplication(WorkflowClient, Stores)}, serving {@code registry} (the worker's,
   * which the client's stubs already report to) on the admin connector.
   */
  public KeywardApplication(
      WorkflowClient client, Stores stores, PrometheusMeterRegistry registry) {
    this.providedClient = Objects.requireNonNull(client, "client");
    this.providedStores = Objects.requireNonNull(stores, "stores");
    this.metrics = new ApiMetrics(Objects.requireNonNull(registry, "registry"));
  }

  public static void main(String[] args) throws Exception {
    new KeywardApplication().run(args);
  }

  @Override
  public String getName() {
    return "keyward";
  }

  @Override
  public void initialize(Bootstrap<KeywardConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    // ISO-8601 times and durations; a misspelt field in a body is refused, not silently dropped.
    bootstrap
        .getObjectMapper()
        .disable(
            SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
            SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    bootstrap.addCommand(new VerifyAuditCommand());
    bootstrap.addCommand(new BootstrapSecurityKeyCommand());
  }

  @Override
  public void run(KeywardConfiguration configuration, Environment environment) {
    environment.lifecycle().addEventListener(new QuietRequestLog());
    StoreProvider stores = StoreProvider.onClassPath();
    LOG.info("Using the {} stores", stores.name());
    Optional<PayloadCodec> codec =
        KeyEncryptionKeySource.onClassPath()
            .codec(configuration.getCodec().settings(), System.getenv());
    WorkflowClient client =
        SigningClientInterceptor.signing(
            temporalClient(configuration, codec, environment),
            SigningKeySource.onClassPath()
                .signer(
                    configuration.getSigning().settings(configuration.getCodec()), System.getenv()),
            Clock.systemUTC());
    StoreSettings settings = configuration.stores(System.getenv());
    Stores shared = stores(stores, settings, environment);
    Directory directory =
        configuration.getDirectory().namesUsers()
            ? stores.openDirectory(settings)
            : new NoPasswordUsers();
    Clock clock = Clock.systemUTC();
    KeywardServices services =
        KeywardServices.build(
            configuration,
            client,
            shared,
            stores.evidenceVerifier(shared.audit()),
            directory,
            clock,
            System.getenv(),
            codec);
    // Registered after the stores, so it stops (and records what it counted) before them.
    environment.lifecycle().manage(services.refusals());
    environment.lifecycle().manage(services.signIns());

    environment
        .healthChecks()
        .register(
            "temporal",
            new TemporalHealthCheck(
                client.getWorkflowServiceStubs(),
                configuration.getTemporal().getHealthCheckTimeout().toJavaDuration()));
    environment.healthChecks().register("database", new DatabaseHealthCheck(shared));
    metrics.serve(environment, client);
    Optional<Authenticator<PasswordAttempt, KeywardPrincipal>> passwords =
        configuration.getDirectory().namesUsers()
            ? Optional.of(
                // bcrypt once per person every few minutes, not on every request
                new VerifiedCredentialsCache(
                    new DirectoryAuthenticator(services.signIns(), clock),
                    VERIFIED_PASSWORDS_KEPT,
                    VERIFIED_PASSWORDS_MAX))
            : Optional.empty();
    services.oidc().ifPresent(oidc -> LOG.info("API bearer tokens of {}", oidc.issuer()));
    environment
        .jersey()
        .register(
            new AuthDynamicFeature(
                new CredentialsFilter(services.oidc(), passwords, REALM, clock)));
    environment.jersey().register(new AuthValueFactoryProvider.Binder<>(KeywardPrincipal.class));
    environment.jersey().register(new KeywardExceptionMapper());
    environment.jersey().register(new JsonInputExceptionMapper());
    environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
    environment
        .lifecycle()
        .addServerLifecycleListener(s -> s.setErrorHandler(new JsonErrorHandler()));
    environment.jersey().register(new GenerationResource(services.generations()));
    environment.jersey().register(new SecurityKeysResource(services.securityKeys()));
    environment
        .jersey()
        .register(new RotationResource(services.rotations(), services.securityKeys()));
    environment
        .jersey()
        .register(
            new KeysResource(
                services.lifecycles(),
                services.dependencies(),
                services.register(),
                services.classifications()));
    environment.jersey().register(new BreakGlassResource(services.breakGlass()));
    environment.jersey().register(new CompromiseResource(services.compromises()));
    services
        .codec()
        .ifPresentOrElse(
            payloads -> serveCodec(payloads, configuration, environment),
            () ->
                LOG.warn(
                    "codec.keyEncryptionKey is none: payloads (justifications, reasons) are stored in"
                        + " clear in Temporal"));
    Webhooks.register(configuration, environment, System.getenv(), services);

    for (KeywardExtension extension : KeywardExtension.onClassPath()) {
      LOG.info("Serving {} beside the API", extension.name());
      extension.run(services, environment);
    }
  }

  /**
   * Temporal's remote codec protocol at {@code /codec} (and, when the approval UI is served, at
   * {@code /ui/codec}), callable from Temporal Web's origin when one is configured.
   */
  private static void serveCodec(
      RemoteCodec codec, KeywardConfiguration configuration, Environment environment) {
    environment.jersey().register(new CodecResource(codec));
    configuration
        .getCodec()
        .origin()
        .ifPresent(origin -> environment.jersey().register(new CodecCors(origin)));
  }

  private WorkflowClient temporalClient(
      KeywardConfiguration configuration, Optional<PayloadCodec> codec, Environment env) {
    if (providedClient != null) {
      return providedClient;
    }
    TemporalFactory temporal = configuration.getTemporal();
    WorkflowServiceStubs stubs =
        temporal.buildServiceStubs(System.getenv(), metrics.temporalScope());
    env.lifecycle().manage(new ManagedServiceStubs(stubs));
    LOG.info("Connecting to Temporal at {}", temporal.connection().describe());
    return temporal.buildClient(
        stubs,
        codec.map(KeywardDataConverter::with).orElseGet(DefaultDataConverter::newDefaultInstance));
  }

  private Stores stores(StoreProvider provider, StoreSettings settings, Environment env) {
    if (providedStores != null) {
      return providedStores;
    }
    Stores opened = provider.open(settings);
    LOG.info("Stores in the {}", settings.database().describe());
    env.lifecycle().manage(new ManagedStores(opened));
    return opened;
  }
}
