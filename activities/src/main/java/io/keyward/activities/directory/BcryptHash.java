package io.keyward.activities.directory;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Checks the form of bcrypt hashes and makes new ones; never puts a hash in a message. */
final class BcryptHash {
  static final int MIN_COST = 4;
  static final int MAX_COST = 31;

  /** Version, two-digit cost, 22 characters of salt and 31 of hash in bcrypt's base64 alphabet. */
  private static final Pattern FORM = Pattern.compile("\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}");

  private static final SecureRandom RANDOM = new SecureRandom();

  private BcryptHash() {}

  /** What is wrong with the hash, or empty when it is a usable bcrypt hash. */
  static Optional<String> problemWith(String hash) {
    if (hash == null || hash.isBlank()) {
      return Optional.of("has no passwordHash");
    }
    Matcher matcher = FORM.matcher(hash);
    if (!matcher.matches()) {
      return Optional.of(
          "has a passwordHash that is not a bcrypt hash"
              + " (expected $2y$<cost>$ followed by 53 characters)");
    }
    int cost = Integer.parseInt(matcher.group(1));
    if (cost < MIN_COST || cost > MAX_COST) {
      return Optional.of(
          "has a bcrypt cost of " + cost + " (expected " + MIN_COST + " to " + MAX_COST + ")");
    }
    return Optional.empty();
  }

  /** The cost of a hash that passed {@link #problemWith}. */
  static int costOf(String hash) {
    return Integer.parseInt(hash.substring(4, 6));
  }

  /** A new $2y$ hash with a random salt. */
  static String generate(char[] password, int cost) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password, salt, cost);
  }

  /** A hash of a random password nobody knows, to spend the same time on unknown users. */
  static String unmatchable(int cost) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", secret, salt, cost);
  }

  static boolean matches(String hash, char[] password) {
    return OpenBSDBCrypt.checkPassword(hash, password);
  }
}
