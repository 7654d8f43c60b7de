package io.keyward.api.extension;

import io.keyward.api.KeywardConfiguration;
import io.keyward.api.auth.SignInGuard;
import io.keyward.api.auth.StepUp;
import io.keyward.api.breakglass.BreakGlassSessions;
import io.keyward.api.codec.RemoteCodec;
import io.keyward.api.compromise.CompromiseResponses;
import io.keyward.api.generation.GenerationCeremonies;
import io.keyward.api.identity.OidcProvider;
import io.keyward.api.keys.ClassificationChanges;
import io.keyward.api.keys.DependencyMaps;
import io.keyward.api.keys.KeyLifecycles;
import io.keyward.api.keys.RegisteredKeys;
import io.keyward.api.refusal.RefusalThrottle;
import io.keyward.api.refusal.Refusals;
import io.keyward.api.rotation.ManualRotations;
import io.keyward.api.servicenow.TicketBinder;
import io.keyward.api.webauthn.SecurityKeys;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.incident.EvidenceVerifier;
import io.keyward.workflows.signin.StartedSignIns;
import io.keyward.workflows.signin.WebSessions;
import io.keyward.workflows.stores.Stores;
import io.temporal.client.WorkflowClient;
import io.temporal.payload.codec.PayloadCodec;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The services the application builds once and every surface uses: the REST API, the webhooks and
 * each {@link KeywardExtension} (the approval UI), so a decision made on a web page, in Slack or
 * over the API is taken, and refused, by the same code ({@link Refusals}, which throttles a person
 * who keeps being refused, whatever the surface). Nobody but the application closes them.
 */
public record KeywardServices(
    KeywardConfiguration configuration,
    WorkflowClient client,
    Optional<RemoteCodec> codec,
    Directory directory,
    AuditStore audit,
    GenerationCeremonies generations,
    ManualRotations rotations,
    KeyLifecycles lifecycles,
    DependencyMaps dependencies,
    RegisteredKeys register,
    ClassificationChanges classifications,
    BreakGlassSessions breakGlass,
    CompromiseResponses compromises,
    Refusals refusals,
    SignInGuard signIns,
    Optional<OidcProvider> oidc,
    StepUp stepUp,
    WebSessions webSessions,
    StartedSignIns startedSignIns,
    SecurityKeys securityKeys) {
  public KeywardServices {
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(generations, "generations");
    Objects.requireNonNull(rotations, "rotations");
    Objects.requireNonNull(lifecycles, "lifecycles");
    Objects.requireNonNull(dependencies, "dependencies");
    Objects.requireNonNull(register, "register");
    Objects.requireNonNull(classifications, "classifications");
    Objects.requireNonNull(breakGlass, "breakGlass");
    Objects.requireNonNull(compromises, "compromises");
    Objects.requireNonNull(refusals, "refusals");
    Objects.requireNonNull(signIns, "signIns");
    Objects.requireNonNull(oidc, "oidc");
    Objects.requireNonNull(stepUp, "stepUp");
    Objects.requireNonNull(webSessions, "webSessions");
    Objects.requireNonNull(startedSignIns, "startedSignIns");
    Objects.requireNonNull(securityKeys, "securityKeys");
  }

  /**
   * Builds every ceremony service from the configuration, on the stores every worker and replica
   * shares (audit trail, dependency map, break-glass grants, key register, which the API only
   * reads, counts of failed sign-ins). The ServiceNow integration password and the OpenID Connect
   * client secret, when configured, come from {@code environment} (or the files it names); {@code
   * codec} is the payload codec of {@code client} ({@code codec.keyEncryptionKey}), which the API
   * and the approval UI serve to people who may read payloads, empty when payloads are in clear.
   */
  public static KeywardServices build(
      KeywardConfiguration configuration,
      WorkflowClient client,
      Stores stores,
      EvidenceVerifier evidence,
      Directory directory,
      Clock clock,
      Map<String, String> environment,
      Optional<PayloadCodec> codec) {
    String taskQueue = configuration.getTemporal().getTaskQueue();
    var stepTimeout = configuration.getCeremony().stepTimeout();
    AuditStore audit = stores.audit();
    var ceremony = configuration.getCeremony();
    var identity = configuration.getIdentity();
    StepUp stepUp = new StepUp(identity.getStepUpWindow().toJavaDuration(), clock);
    RegisteredKeys register = new RegisteredKeys(stores.keyRegister());
    Refusals refusals =
        new Refusals(
            audit,
            clock,
            new RefusalThrottle(
                ceremony.getRefusalLimit(),
                ceremony.getRefusalWindow().toJavaDuration(),
                audit,
                clock));
    TicketBinder tickets = configuration.getServicenow().ticketBinder(environment, refusals);
    return new KeywardServices(
        configuration,
        client,
        codec.map(RemoteCodec::new),
        directory,
        audit,
        new GenerationCeremonies(client, taskQueue, stepTimeout, audit, refusals, tickets, stepUp),
        new ManualRotations(client, taskQueue, stepTimeout, audit, refusals, clock, tickets),
        new KeyLifecycles(client, taskQueue, refusals, register),
        new DependencyMaps(stores.dependencyMap(), register, audit, clock),
        register,
        new ClassificationChanges(client, taskQueue, stepTimeout, register, refusals),
        new BreakGlassSessions(
            client, taskQueue, directory, stores.accessGrants(), audit, refusals, clock, stepUp),
        new CompromiseResponses(client, taskQueue, audit, evidence, refusals, clock),
        refusals,
        new SignInGuard(
            directory,
            audit,
            clock,
            stores.signInFailures(),
            configuration.getDirectory().perName(),
            configuration.getDirectory().perAddress()),
        identity.getOidc().build(environment, Files::readString),
        stepUp,
        stores.webSessions(),
        stores.startedSignIns(),
        new SecurityKeys(
            client,
            taskQueue,
            stores.credentials(),
            stores.webAuthnChallenges(),
            audit,
            refusals,
            configuration.getWebauthn().relyingParty(),
            clock));
  }
}
