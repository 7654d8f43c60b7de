package io.keyward.activities.audit;

import io.keyward.activities.stores.DatabaseEnvironment;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.audit.AuditReceipt;
import io.keyward.workflows.audit.ChainVerification;
import io.keyward.workflows.stores.DatabaseSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the audit trail in the database from its first record to its last: hashes, links, MACs
 * and, given the latest receipt a ceremony holds, that nothing was cut off the end.
 *
 * <pre>
 * VerifyAuditTrail [data-dir] [--receipt SEQUENCE:HASH]
 * </pre>
 *
 * <p>The database is the one {@code KEYWARD_DATABASE_URL} names (with its user, password and {@code
 * KEYWARD_AUDIT_KEY}, see {@link DatabaseEnvironment}), else the embedded database of the data
 * directory ({@code data/} by default). Prints {@code audit trail intact: N records} and exits 0,
 * or {@code audit trail BROKEN at record #S: <problem>} and exits 1; exits 2 when the trail cannot
 * be read or the arguments are wrong. It only reads, so it may run while others append.
 */
public final class VerifyAuditTrail {
  public static final int INTACT = 0;
  public static final int BROKEN = 1;
  public static final int UNUSABLE = 2;

  private static final String USAGE =
      "usage: VerifyAuditTrail [data-dir] [--receipt SEQUENCE:HASH]";

  private VerifyAuditTrail() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** The command without the exit: returns the exit code. */
  public static int run(
      String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    List<String> positional = new ArrayList<>();
    AuditReceipt receipt = null;
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--receipt") && i + 1 < args.length) {
          receipt = parseReceipt(args[++i]);
        } else if (args[i].startsWith("-") || args[i].isBlank()) {
          throw new IllegalArgumentException("unknown argument " + args[i]);
        } else {
          positional.add(args[i]);
        }
      }
      if (positional.size() > 1) {
        throw new IllegalArgumentException("one data directory at most");
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return UNUSABLE;
    }
    Path dataDir = Path.of(positional.isEmpty() ? "data" : positional.get(0));
    ChainVerification result;
    try {
      DatabaseSettings settings =
          DatabaseEnvironment.settings(environment, dataDir, Files::readString);
      result = JdbcStores.verifyAuditTrail(settings, receipt);
    } catch (RuntimeException e) {
      err.println("cannot read the audit trail: " + e.getMessage());
      return UNUSABLE;
    }
    out.println(result.describe());
    return result.intact() ? INTACT : BROKEN;
  }

  /** {@code SEQUENCE:HASH}, as a ceremony's history shows its {@link AuditReceipt}. */
  static AuditReceipt parseReceipt(String text) {
    int colon = text.indexOf(':');
    try {
      String hash = text.substring(colon + 1);
      if (colon < 1 || !hash.matches("[0-9a-f]{64}")) {
        throw new NumberFormatException();
      }
      return new AuditReceipt(Long.parseLong(text.substring(0, colon)), hash);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a receipt is SEQUENCE:HASH (64 lowercase hex characters), was " + text);
    }
  }
}
