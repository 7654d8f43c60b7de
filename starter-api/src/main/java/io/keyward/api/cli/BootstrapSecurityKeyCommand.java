package io.keyward.api.cli;

import com.uber.m3.tally.NoopScope;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.config.TemporalFactory;
import io.keyward.api.webauthn.SecurityKeyBootstrap;
import io.keyward.workflows.codec.KeyEncryptionKeySource;
import io.keyward.workflows.codec.KeywardDataConverter;
import io.keyward.workflows.credential.EnrolmentRequest;
import io.keyward.workflows.stores.StoreProvider;
import io.keyward.workflows.stores.StoreSettings;
import io.keyward.workflows.stores.Stores;
import io.keyward.workflows.webauthn.PersonCredential;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bootstrap-security-key --credential ID --operator NAME [--leave-ceremony] <config.yml>}:
 * activates the first security key of a security team lead, which no lead's key can approve yet
 * ({@link SecurityKeyBootstrap}: only a PENDING key of a lead, only while no lead holds an ACTIVE
 * key), records it in the audit trail as {@code CREDENTIAL_BOOTSTRAPPED}, and ends the key's
 * enrolment ceremony in Temporal with the reason. Run by an operator on a host that holds the
 * configuration's database and audit secrets (a worker host); refused, changing nothing, otherwise.
 */
public final class BootstrapSecurityKeyCommand extends ConfiguredCommand<KeywardConfiguration> {
  private static final String CREDENTIAL = "credential";
  private static final String OPERATOR = "operator";
  private static final String LEAVE_CEREMONY = "leaveCeremony";

  public BootstrapSecurityKeyCommand() {
    super(
        "bootstrap-security-key",
        "Activates a security team lead's first security key while no lead holds one");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--credential")
        .dest(CREDENTIAL)
        .required(true)
        .metavar("ID")
        .help("the credential id (base64url) of the lead's key, registered and PENDING");
    subparser
        .addArgument("--operator")
        .dest(OPERATOR)
        .required(true)
        .metavar("NAME")
        .help("who runs the bootstrap, as the audit trail records it");
    subparser
        .addArgument("--leave-ceremony")
        .dest(LEAVE_CEREMONY)
        .action(Arguments.storeTrue())
        .help(
            "do not end the key's enrolment ceremony in Temporal (it then expires and leaves the"
                + " key as it is)");
  }

  @Override
  protected void run(
      Bootstrap<KeywardConfiguration> bootstrap,
      Namespace namespace,
      KeywardConfiguration configuration) {
    String credentialId = namespace.getString(CREDENTIAL);
    String operator = namespace.getString(OPERATOR);
    StoreSettings settings = configuration.stores(System.getenv());
    StoreProvider provider = StoreProvider.onClassPath();
    PersonCredential activated;
    try (Stores stores = provider.open(settings)) {
      activated =
          new SecurityKeyBootstrap(
                  stores.credentials(),
                  provider.openDirectory(settings),
                  stores.audit(),
                  Clock.systemUTC())
              .bootstrap(credentialId, operator);
    }
    System.out.println(
        "security key of "
            + activated.personId()
            + " is "
            + activated.state()
            + " (bootstrap by "
            + operator
            + ", recorded in the audit trail as "
            + SecurityKeyBootstrap.EVENT
            + ")");
    if (!Boolean.TRUE.equals(namespace.getBoolean(LEAVE_CEREMONY))) {
      endCeremony(configuration, credentialId, operator);
    }
  }

  /** Ends the enrolment ceremony the API started for the key, which no lead can decide now. */
  private static void endCeremony(
      KeywardConfiguration configuration, String credentialId, String operator) {
    String workflowId = EnrolmentRequest.workflowId(credentialId);
    TemporalFactory temporal = configuration.getTemporal();
    Optional<PayloadCodec> codec =
        KeyEncryptionKeySource.onClassPath()
            .codec(configuration.getCodec().settings(), System.getenv());
    WorkflowServiceStubs stubs = temporal.buildServiceStubs(System.getenv(), new NoopScope());
    try {
      WorkflowClient client =
          temporal.buildClient(
              stubs,
              codec
                  .map(KeywardDataConverter::with)
                  .orElseGet(DefaultDataConverter::newDefaultInstance));
      client
          .newUntypedWorkflowStub(workflowId)
          .terminate("security key enrolled by bootstrap by " + operator + "; see the audit trail");
      System.out.println("enrolment ceremony " + workflowId + " ended");
    } catch (RuntimeException e) {
      System.out.println(
          "enrolment ceremony "
              + workflowId
              + " could not be ended ("
              + e.getMessage()
              + "): it expires and leaves the key as it is");
    } finally {
      stubs.shutdownNow();
    }
  }

  /** A refusal is an answer, not a crash: print the sentence, not a stack trace. */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    if (failure instanceof SecurityKeyBootstrap.RefusedException) {
      cli.getStdErr().println("bootstrap refused: " + failure.getMessage());
    } else {
      super.onError(cli, namespace, failure);
    }
  }
}
