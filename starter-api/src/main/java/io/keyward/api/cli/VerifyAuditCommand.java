package io.keyward.api.cli;

import com.uber.m3.tally.NoopScope;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.keyward.api.KeywardConfiguration;
import io.keyward.api.config.TemporalFactory;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.audit.HeldReceipt;
import io.keyward.workflows.codec.KeyEncryptionKeySource;
import io.keyward.workflows.codec.KeywardDataConverter;
import io.keyward.workflows.stores.StoreProvider;
import io.keyward.workflows.stores.StoreSettings;
import io.keyward.workflows.stores.Stores;
import io.keyward.workflows.webauthn.AuditedAssertions;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code verify-audit [--receipt SEQUENCE:HASH] [--ceremony-receipts] <config.yml>}: walks the
 * audit trail in the database the configuration names from its first record to its last, checking
 * every hash, link and MAC (the audit key comes from the same secret source as the API's), and,
 * given a receipt by hand or, with {@code --ceremony-receipts}, the latest receipt every ceremony
 * run holds (asked of Temporal, as the configuration names it, through its payload codec), that the
 * trail does not end before any of them nor hold another record at its place; a break found by a
 * receipt names the ceremony. Fails (exit status 1) at the first break. It only reads, so it may
 * run while the API and workers append. The trail is read by the {@link StoreProvider} on the class
 * path, the same that opens it for the API.
 */
public final class VerifyAuditCommand extends ConfiguredCommand<KeywardConfiguration> {
  private static final String RECEIPT = "receipt";
  private static final String CEREMONY_RECEIPTS = "ceremonyReceipts";
  private static final String ASSERTIONS = "assertions";

  public VerifyAuditCommand() {
    super("verify-audit", "Verifies the hash chain and MACs of the audit trail (runbook 9.1)");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--receipt")
        .dest(RECEIPT)
        .metavar("SEQUENCE:HASH")
        .help("the latest audit receipt a ceremony holds; a trail ending before it is broken");
    subparser
        .addArgument("--ceremony-receipts")
        .dest(CEREMONY_RECEIPTS)
        .action(Arguments.storeTrue())
        .help(
            "ask every ceremony run in Temporal for the latest receipt it holds and check the"
                + " trail against each (the workers must be running)");
    subparser
        .addArgument("--assertions")
        .dest(ASSERTIONS)
        .metavar("WORKFLOW_ID")
        .help(
            "also verify again the security-key assertions of the ceremony's signed decisions"
                + " (ULTRA generation steps, decisions on manual rotations of ULTRA keys, level 2"
                + " and 3 break-glass authorisations, ULTRA classification changes, a lead's"
                + " approval of a key), against the public keys in the credentials store");
  }

  @Override
  protected void run(
      Bootstrap<KeywardConfiguration> bootstrap,
      Namespace namespace,
      KeywardConfiguration configuration) {
    ChainVerification result;
    List<String> unanswered = List.of();
    String where = "the audit trail";
    try {
      StoreSettings settings = configuration.stores(System.getenv());
      where = "the audit trail in the " + settings.database().describe();
      List<HeldReceipt> receipts = new ArrayList<>();
      AuditReceipt given = receipt(namespace.getString(RECEIPT));
      if (given != null) {
        receipts.add(HeldReceipt.given(given));
      }
      if (Boolean.TRUE.equals(namespace.getBoolean(CEREMONY_RECEIPTS))) {
        CeremonyReceipts.Collected collected = ceremonyReceipts(configuration);
        System.out.println(collected.describe());
        receipts.addAll(collected.receipts());
        unanswered = collected.unanswered();
      }
      result = StoreProvider.onClassPath().verifyAuditTrail(settings, receipts);
    } catch (RuntimeException e) {
      System.err.println("cannot read " + where + ": " + e.getMessage());
      throw new AuditTrailNotIntactException(where, false);
    }
    System.out.println(result.describe());
    if (!result.intact()) {
      throw new AuditTrailNotIntactException(where, true);
    }
    if (!unanswered.isEmpty()) {
      // A ceremony that could not say what it saw may hold a receipt the trail no longer reaches.
      throw new AuditTrailNotIntactException(where, false);
    }
    String subject = namespace.getString(ASSERTIONS);
    if (subject != null) {
      verifyAssertions(configuration.stores(System.getenv()), subject, where);
    }
  }

  /** Asks Temporal, through the same codec as the API, for every ceremony run's receipt. */
  private static CeremonyReceipts.Collected ceremonyReceipts(KeywardConfiguration configuration) {
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
      return new CeremonyReceipts(client).collect();
    } finally {
      stubs.shutdownNow();
    }
  }

  /**
   * Re-verifies the signed decisions of {@code subject} offline ({@link AuditedAssertions}); opens
   * the stores, which brings their schema up to date if it is not.
   */
  private static void verifyAssertions(StoreSettings settings, String subject, String where) {
    List<AuditedAssertions.Finding> findings;
    int signed;
    try (Stores stores = StoreProvider.onClassPath().open(settings)) {
      List<AuditEvent> events =
          stores.audit().recordsFor(subject).stream().map(AuditRecord::event).toList();
      signed = AuditedAssertions.signed(events).size();
      findings = AuditedAssertions.verify(events, stores.credentials()::find);
    }
    if (!findings.isEmpty()) {
      findings.forEach(f -> System.out.println("assertion does not verify: " + f.describe()));
      throw new AuditTrailNotIntactException(where, true);
    }
    System.out.println(signed + " signed decision(s) of " + subject + " verify again");
  }

  private static AuditReceipt receipt(String text) {
    if (text == null) {
      return null;
    }
    int colon = text.indexOf(':');
    String hash = colon < 1 ? "" : text.substring(colon + 1);
    if (!hash.matches("[0-9a-f]{64}") || !text.substring(0, colon).matches("[0-9]{1,18}")) {
      throw new IllegalArgumentException(
          "a receipt is SEQUENCE:HASH (64 lowercase hex characters), was " + text);
    }
    return new AuditReceipt(Long.parseLong(text.substring(0, colon)), hash);
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
