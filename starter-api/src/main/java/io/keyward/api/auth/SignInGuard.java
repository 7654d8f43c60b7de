package io.keyward.api.auth;

import io.dropwizard.lifecycle.Managed;
import io.keyward.api.refusal.RefusalThrottle;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.directory.DirectoryUser;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every password check, over the API (HTTP Basic) and on the web pages' sign-in form, goes through
 * here. A failed sign-in is written to the audit trail as {@value #FAILED}; after {@code limit}
 * failures for one user name within {@code window}, sign-in as that name is refused (429) without
 * checking the password, even the right one, until the window ends, and the refused attempts become
 * one record with their count. An unknown name is treated exactly like a known one.
 */
public final class SignInGuard implements Managed {
  /** The audit event type of a failed sign-in. */
  public static final String FAILED = "SIGN_IN_FAILED";

  private static final String SUBJECT = "sign-ins/";
  private static final int MAX_NAME = 64;

  private final Directory directory;
  private final AuditStore audit;
  private final Clock clock;
  private final RefusalThrottle failures;

  public SignInGuard(
      Directory directory, AuditStore audit, Clock clock, int limit, Duration window) {
    this.directory = directory;
    this.audit = audit;
    this.clock = clock;
    this.failures = new RefusalThrottle(SUBJECT, limit, window, audit, clock);
  }

  /**
   * The person with this name and password, or empty.
   *
   * @param channel where the attempt came from ({@code api}, {@code ui}), for the audit record
   * @throws TooManySignInsException when sign-in as this name is locked for now
   */
  public Optional<DirectoryUser> authenticate(String username, char[] password, String channel) {
    String name = recordable(username);
    Optional<Duration> wait = failures.waitBefore(name, clock.instant());
    if (wait.isPresent()) {
      throw new TooManySignInsException(name, wait.get());
    }
    Optional<DirectoryUser> user = directory.authenticate(username, password);
    if (user.isEmpty() && failures.countRefusal(name, clock.instant())) {
      audit.append(
          new AuditEvent(
              UUID.randomUUID().toString(),
              SUBJECT + name,
              FAILED,
              name,
              clock.instant(),
              Map.of("channel", channel)));
    }
    return user;
  }

  @Override
  public void start() {
    failures.start();
  }

  /** Records what is still counted; the audit store must still be open. */
  @Override
  public void stop() throws InterruptedException {
    failures.stop();
  }

  /** The name as the audit trail may show it: printable, short, never empty. */
  static String recordable(String username) {
    String printable =
        username == null ? "" : username.strip().replaceAll("[^A-Za-z0-9._@+-]", "?");
    if (printable.isEmpty()) {
      return "(empty)";
    }
    return printable.length() > MAX_NAME ? printable.substring(0, MAX_NAME) + "..." : printable;
  }
}
