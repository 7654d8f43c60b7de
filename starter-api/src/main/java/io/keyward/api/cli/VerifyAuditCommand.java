package io.keyward.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.keyward.api.KeywardConfiguration;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.stores.StoreProvider;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code verify-audit <config.yml>}: walks the audit trail the configuration names from its first
 * record to its last and fails (exit status 1) when the hash chain is broken. It only reads, so it
 * may run while the API and workers append. The trail is read by the {@link StoreProvider} on the
 * class path, the same that opens it for the API.
 */
public final class VerifyAuditCommand extends ConfiguredCommand<KeywardConfiguration> {
  public VerifyAuditCommand() {
    super("verify-audit", "Verifies the hash chain of the audit trail (runbook 9.1)");
  }

  @Override
  protected void run(
      Bootstrap<KeywardConfiguration> bootstrap,
      Namespace namespace,
      KeywardConfiguration configuration) {
    String file = configuration.getAudit().getFile().toString();
    ChainVerification result;
    try {
      result = StoreProvider.onClassPath().verifyAuditTrail(configuration.stores());
    } catch (NoSuchFileException e) {
      System.err.println("cannot read audit trail " + file + ": no such file");
      throw new AuditTrailNotIntactException(file, false);
    } catch (IOException e) {
      System.err.println("cannot read audit trail " + file + ": " + e);
      throw new AuditTrailNotIntactException(file, false);
    }
    System.out.println(result.describe());
    if (!result.intact()) {
      throw new AuditTrailNotIntactException(file, true);
    }
  }

  /** A broken trail is a verdict, not a crash: print the sentence, not a stack trace. */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable failure) {
    if (failure instanceof AuditTrailNotIntactException) {
      cli.getStdErr().println(failure.getMessage());
    } else {
      super.onError(cli, namespace, failure);
    }
  }
}
