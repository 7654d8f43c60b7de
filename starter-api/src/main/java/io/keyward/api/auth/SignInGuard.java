package io.keyward.api.auth;

import io.dropwizard.lifecycle.Managed;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditStore;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.signin.SignInFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every password check, over the API (HTTP Basic) and on the web pages' sign-in form, goes through
 * here. Failures are counted per user name and per client address in {@link SignInFailures} (where
 * every replica sees them); after the free failures of a name or an address, sign-in under it is
 * refused for a time that doubles with every further failure ({@link SignInBackoff}), with 429 and
 * {@code Retry-After}, without checking the password, even the right one. Each failed sign-in is
 * written to the audit trail as {@value #FAILED}; the refused attempts are counted into one record
 * per name or address ({@link ThrottledAttempts}). An unknown name is treated exactly like a known
 * one. A successful sign-in forgets its name's failures, never its address's.
 */
public final class SignInGuard implements Managed {
  /** The audit event type of a failed sign-in. */
  public static final String FAILED = "SIGN_IN_FAILED";

  private static final String SUBJECT = "sign-ins/";
  private static final String ADDRESS_SUBJECT = "sign-ins/from/";
  private static final int MAX_NAME = 64;

  private final Directory directory;
  private final AuditStore audit;
  private final Clock clock;
  private final SignInFailures failures;
  private final SignInBackoff perName;
  private final SignInBackoff perAddress;
  private final ThrottledAttempts throttled;

  public SignInGuard(
      Directory directory,
      AuditStore audit,
      Clock clock,
      SignInFailures failures,
      SignInBackoff perName,
      SignInBackoff perAddress) {
    this.directory = directory;
    this.audit = audit;
    this.clock = clock;
    this.failures = failures;
    this.perName = perName;
    this.perAddress = perAddress;
    this.throttled = new ThrottledAttempts(audit, clock, Duration.ofMinutes(1));
  }

  /**
   * The person with this name and password, or empty.
   *
   * @param channel where the attempt came from ({@code api}, {@code ui}), for the audit record
   * @param address the client's address
   * @throws TooManySignInsException when sign-in as this name or from this address is throttled
   */
  public Optional<DirectoryUser> authenticate(
      String username, char[] password, String channel, String address) {
    String name = recordable(username);
    String from = recordable(address);
    Instant now = clock.instant();
    Optional<Duration> nameWait = waitFor(nameKey(name), perName, now);
    if (nameWait.isPresent()) {
      throttled.count(SUBJECT + name, name, "name throttled");
      throw TooManySignInsException.forName(name, nameWait.get());
    }
    Optional<Duration> addressWait = waitFor(addressKey(from), perAddress, now);
    if (addressWait.isPresent()) {
      throttled.count(ADDRESS_SUBJECT + from, name, "address throttled");
      throw TooManySignInsException.forAddress(addressWait.get());
    }
    Optional<DirectoryUser> user = directory.authenticate(username, password);
    if (user.isPresent()) {
      failures.clear(nameKey(name));
      return user;
    }
    failures.add(nameKey(name), now, perName.forgetAfter());
    failures.add(addressKey(from), now, perAddress.forgetAfter());
    audit.append(
        new AuditEvent(
            UUID.randomUUID().toString(),
            SUBJECT + name,
            FAILED,
            name,
            now,
            Map.of("channel", channel, "address", from)));
    return user;
  }

  private Optional<Duration> waitFor(String key, SignInBackoff backoff, Instant now) {
    return failures
        .current(key, now, backoff.forgetAfter())
        .flatMap(count -> backoff.waitAfter(count, now));
  }

  private static String nameKey(String name) {
    return "name:" + name;
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }

  @Override
  public void start() {
    throttled.start();
  }

  /** Records what is still counted; the audit store must still be open. */
  @Override
  public void stop() throws InterruptedException {
    throttled.stop();
  }

  /** The name as the audit trail may show it: printable, short, never empty. */
  static String recordable(String username) {
    String printable =
        username == null ? "" : username.strip().replaceAll("[^A-Za-z0-9._@+:-]", "?");
    if (printable.isEmpty()) {
      return "(empty)";
    }
    return printable.length() > MAX_NAME ? printable.substring(0, MAX_NAME) + "..." : printable;
  }
}
