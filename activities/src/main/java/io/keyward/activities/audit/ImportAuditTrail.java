package io.keyward.activities.audit;

import io.keyward.activities.stores.DatabaseEnvironment;
import io.keyward.activities.stores.JdbcStores;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.audit.ChainVerification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves the JSON-lines audit trail of an earlier dev mode into the database, checking both sides:
 *
 * <pre>
 * ImportAuditTrail &lt;audit.jsonl&gt; [data-dir]
 * </pre>
 *
 * <ol>
 *   <li>the file's SHA-256 chain must verify whole, or nothing is imported;
 *   <li>every event is appended by its id, so a second run imports nothing twice, and an event id
 *       already in the database with other content is reported as a conflict;
 *   <li>one {@value #IMPORTED} event records the file's last sequence and hash, which ties the old
 *       chain into the new one;
 *   <li>the database's chain must then verify whole, MACs included.
 * </ol>
 *
 * <p>The database is chosen as {@link VerifyAuditTrail} chooses it. Exits 0 when both sides
 * verified, 1 when one did not or an event conflicts, 2 when the file or the database cannot be
 * read. The file is left as it was.
 */
public final class ImportAuditTrail {
  public static final String IMPORTED = "AUDIT_TRAIL_IMPORTED";
  public static final int DONE = 0;
  public static final int REFUSED = 1;
  public static final int UNUSABLE = 2;

  private ImportAuditTrail() {}

  /**
   * What an import did.
   *
   * @param source the old file's verdict; nothing was imported unless it is intact
   * @param appended records written now
   * @param alreadyThere records whose event was already in the database, unchanged
   * @param conflicts event ids in the database with content other than the file's
   * @param target the database's verdict after the import, or null when nothing was imported
   */
  public record Result(
      ChainVerification source,
      long appended,
      long alreadyThere,
      List<String> conflicts,
      ChainVerification target) {
    public boolean succeeded() {
      return source.intact() && conflicts.isEmpty() && target != null && target.intact();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** The command without the exit: returns the exit code. */
  public static int run(
      String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    if (args.length < 1 || args.length > 2 || args[0].isBlank()) {
      err.println("usage: ImportAuditTrail <audit.jsonl> [data-dir]");
      return UNUSABLE;
    }
    Path file = Path.of(args[0]);
    Path dataDir = Path.of(args.length > 1 ? args[1] : "data");
    Result result;
    try (JdbcStores stores =
        JdbcStores.open(DatabaseEnvironment.settings(environment, dataDir, Files::readString))) {
      result = importInto(file, stores.audit(), Clock.systemUTC());
      out.println("source " + file + ": " + result.source().describe());
      if (result.target() != null) {
        out.println(
            "imported "
                + result.appended()
                + " records, "
                + result.alreadyThere()
                + " already there, into the "
                + stores.describe());
        out.println("database: " + result.target().describe());
      }
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return UNUSABLE;
    } catch (RuntimeException e) {
      err.println("cannot import into the database: " + e.getMessage());
      return UNUSABLE;
    }
    result.conflicts().forEach(c -> err.println("conflict: " + c));
    return result.succeeded() ? DONE : REFUSED;
  }

  /** Imports the file into {@code audit}; see the class comment for the steps. */
  public static Result importInto(Path file, JdbcAuditStore audit, Clock clock) throws IOException {
    ChainVerification source = JsonLinesTrail.verify(file);
    if (!source.intact()) {
      return new Result(source, 0, 0, List.of(), null);
    }
    List<String> conflicts = new ArrayList<>();
    long headBefore = audit.lastSequence();
    long[] appended = new long[1];
    long[] alreadyThere = new long[1];
    AuditRecord[] last = new AuditRecord[1];
    JsonLinesTrail.read(
        file,
        old -> {
          AuditRecord stored = audit.append(old.event());
          if (!stored.event().equals(old.event())) {
            conflicts.add(
                "event "
                    + old.event().eventId()
                    + " (record #"
                    + old.sequence()
                    + " of the file) is stored as record #"
                    + stored.sequence()
                    + " with other content");
          } else if (stored.sequence() > headBefore) {
            appended[0]++;
          } else {
            alreadyThere[0]++;
          }
          last[0] = old;
        });
    if (last[0] != null) {
      audit.append(
          new AuditEvent(
              "audit-import/" + last[0].hash(),
              "audit-trail",
              IMPORTED,
              null,
              clock.instant(),
              Map.of(
                  "file", file.getFileName().toString(),
                  "records", Long.toString(source.recordsChecked()),
                  "lastSequence", Long.toString(last[0].sequence()),
                  "lastHash", last[0].hash())));
    }
    return new Result(source, appended[0], alreadyThere[0], List.copyOf(conflicts), audit.verify());
  }
}
