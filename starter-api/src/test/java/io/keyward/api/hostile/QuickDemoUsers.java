package io.keyward.api.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The demo users file with the same people, roles and passwords ({@code <id>-demo-password}), but
 * bcrypt hashes of the lowest cost (4 instead of 10). Every API request checks its password, and
 * ten thousand requests at cost 10 would spend minutes in bcrypt; the edges under test are the
 * same.
 */
public final class QuickDemoUsers {
  private static final String DEMO_USERS = "/io/keyward/dev/users.yml";
  private static final Pattern ID = Pattern.compile("^\\s*- id: (\\S+)\\s*$");
  private static final Pattern HASH = Pattern.compile("^(\\s*passwordHash: )\".*\"\\s*$");

  private QuickDemoUsers() {}

  /**
   * Writes the file into {@code directory} and returns its path, for {@code directory.usersFile}.
   */
  public static Path write(Path directory) {
    String demo;
    try (InputStream in = QuickDemoUsers.class.getResourceAsStream(DEMO_USERS)) {
      if (in == null) {
        throw new IllegalStateException("the demo users file " + DEMO_USERS + " is missing");
      }
      demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SecureRandom random = new SecureRandom();
    StringBuilder quick = new StringBuilder();
    String id = null;
    for (String line : demo.split("\n", -1)) {
      Matcher user = ID.matcher(line);
      Matcher hash = HASH.matcher(line);
      if (user.matches()) {
        id = user.group(1);
      } else if (hash.matches() && id != null) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String quickHash =
            OpenBSDBCrypt.generate("2y", (id + "-demo-password").toCharArray(), salt, 4);
        line = hash.group(1) + "\"" + quickHash + "\"";
      }
      quick.append(line).append('\n');
    }
    try {
      return Files.writeString(directory.resolve("quick-demo-users.yml"), quick.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
