package io.keyward.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers for a short time the HTTP Basic credentials whose password the directory verified, so
 * that a person's next requests cost no password hash (bcrypt takes tens of milliseconds, on every
 * request without this). It holds no password: an entry's key is an HMAC-SHA-256 of the user name,
 * the password and the client's address under a random key made at start and kept only in memory,
 * and its value is who they are. Only verified credentials are remembered: every wrong password
 * goes to the directory's checker (and its {@link SignInGuard} counts it), and the same password
 * from another address is checked again. An entry lives {@code ttl} from its verification, so a
 * changed or removed password stops working within that time.
 */
public final class VerifiedCredentialsCache
    implements Authenticator<PasswordAttempt, KeywardPrincipal> {
  private static final String HMAC = "HmacSHA256";

  private final Authenticator<PasswordAttempt, KeywardPrincipal> checker;
  private final Cache<String, KeywardPrincipal> verified;
  private final SecretKeySpec key;

  public VerifiedCredentialsCache(
      Authenticator<PasswordAttempt, KeywardPrincipal> checker, Duration ttl, int maximumSize) {
    this(checker, ttl, maximumSize, Ticker.systemTicker());
  }

  VerifiedCredentialsCache(
      Authenticator<PasswordAttempt, KeywardPrincipal> checker,
      Duration ttl,
      int maximumSize,
      Ticker ticker) {
    this.checker = checker;
    this.verified =
        Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).ticker(ticker).build();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, HMAC);
  }

  @Override
  public Optional<KeywardPrincipal> authenticate(PasswordAttempt attempt)
      throws AuthenticationException {
    String id = fingerprint(attempt);
    KeywardPrincipal known = verified.getIfPresent(id);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<KeywardPrincipal> checked = checker.authenticate(attempt);
    checked.ifPresent(who -> verified.put(id, who));
    return checked;
  }

  /** The attempt's HMAC, each part length-prefixed so that no two attempts share one. */
  private String fingerprint(PasswordAttempt attempt) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      for (String part : new String[] {attempt.username(), attempt.password(), attempt.address()}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        mac.update(
            new byte[] {
              (byte) (bytes.length >>> 24),
              (byte) (bytes.length >>> 16),
              (byte) (bytes.length >>> 8),
              (byte) bytes.length
            });
        mac.update(bytes);
      }
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }
}
