package io.keyward.activities.audit;

import io.keyward.workflows.audit.ChainVerification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks an audit file from its first record to its last: {@code VerifyAuditTrail
 * <path-to-audit.jsonl>}. Prints {@code audit trail intact: N records} and exits 0, or {@code audit
 * trail BROKEN at record #S: <problem>} and exits 1; exits 2 when the file cannot be read or the
 * arguments are wrong. It only reads, under a shared lock, so it may run while workers append.
 */
public final class VerifyAuditTrail {
  public static final int INTACT = 0;
  public static final int BROKEN = 1;
  public static final int UNUSABLE = 2;

  private VerifyAuditTrail() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command without the exit: returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1 || args[0].isBlank()) {
      err.println("usage: VerifyAuditTrail <path-to-audit.jsonl>");
      return UNUSABLE;
    }
    Path file = Path.of(args[0]);
    ChainVerification result;
    try {
      result = verify(file);
    } catch (NoSuchFileException e) {
      err.println("cannot read audit trail " + file + ": no such file");
      return UNUSABLE;
    } catch (IOException e) {
      err.println("cannot read audit trail " + file + ": " + e);
      return UNUSABLE;
    }
    out.println(result.describe());
    return result.intact() ? INTACT : BROKEN;
  }

  /** Walks the file without opening a store, so nothing is created or written. */
  public static ChainVerification verify(Path file) throws IOException {
    Path real = file.toRealPath();
    FileChannel channel = FileChannel.open(real, StandardOpenOption.READ);
    try {
      return PathLocks.locked(
          real, channel, true, () -> AuditFileVerifier.verify(channel, new AuditHashChain()));
    } finally {
      PathLocks.inJvm(
          real,
          () -> {
            channel.close();
            return null;
          });
    }
  }
}
