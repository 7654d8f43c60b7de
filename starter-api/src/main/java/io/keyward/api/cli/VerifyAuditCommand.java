package io.keyward.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.keyward.activities.audit.VerifyAuditTrail;
import io.keyward.api.KeywardConfiguration;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code verify-audit <config.yml>}: walks the audit trail the configuration names from its first
 * record to its last and fails (exit status 1) when the hash chain is broken. It only reads, so it
 * may run while the API and workers append.
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
    int status = VerifyAuditTrail.run(new String[] {file}, System.out, System.err);
    if (status != VerifyAuditTrail.INTACT) {
      throw new AuditTrailNotIntactException(file, status);
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
