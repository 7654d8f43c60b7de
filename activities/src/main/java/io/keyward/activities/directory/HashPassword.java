package io.keyward.activities.directory;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prints the bcrypt hash of a password for the {@code passwordHash} of a users file: {@code
 * HashPassword [--cost N]}. On a terminal it asks twice without echo; otherwise it reads the first
 * line of standard input (for scripts: {@code printf '%s\n' "$PW" | HashPassword}). The password is
 * never printed and never an argument, so it stays out of shell history and process lists. The cost
 * defaults to 12.
 */
public final class HashPassword {
  public static final int DEFAULT_COST = 12;

  /** Bcrypt reads at most 72 bytes of a password; a longer one would be silently cut. */
  static final int MAX_PASSWORD_BYTES = 72;

  private HashPassword() {}

  public static void main(String[] args) {
    System.exit(run(args, System.console(), System.in, System.out, System.err));
  }

  /** The command without the exit: reads from the console when there is one, else from input. */
  static int run(String[] args, Console console, InputStream in, PrintStream out, PrintStream err) {
    int cost;
    try {
      cost = costFrom(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(
          "usage: HashPassword [--cost N]   (password from the terminal or standard input)");
      return 2;
    }
    char[] password = null;
    try {
      password = console != null ? fromConsole(console) : firstLine(in);
      String hash = hash(password, cost);
      out.println(hash);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("cannot read the password: " + e.getMessage());
      return 1;
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  /**
   * The bcrypt ($2y$) hash of the password with a random salt.
   *
   * @throws IllegalArgumentException for an empty password, one longer than bcrypt reads, or a cost
   *     out of range
   */
  public static String hash(char[] password, int cost) {
    if (cost < BcryptHash.MIN_COST || cost > BcryptHash.MAX_COST) {
      throw new IllegalArgumentException(
          "cost must be " + BcryptHash.MIN_COST + " to " + BcryptHash.MAX_COST + ", was " + cost);
    }
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("the password is empty");
    }
    if (utf8Length(password) > MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException(
          "the password is longer than "
              + MAX_PASSWORD_BYTES
              + " bytes; bcrypt would ignore the rest of it");
    }
    return BcryptHash.generate(password, cost);
  }

  /** Counts the UTF-8 bytes without making a copy of the password. */
  private static int utf8Length(char[] chars) {
    int bytes = 0;
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < chars.length
          && Character.isLowSurrogate(chars[i + 1])) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static int costFrom(String[] args) {
    if (args.length == 0) {
      return DEFAULT_COST;
    }
    if (args.length == 2 && args[0].equals("--cost")) {
      try {
        return Integer.parseInt(args[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--cost needs a number, was '" + args[1] + "'");
      }
    }
    throw new IllegalArgumentException("unexpected arguments");
  }

  private static char[] fromConsole(Console console) {
    char[] first = console.readPassword("password: ");
    char[] second = console.readPassword("again: ");
    try {
      if (first == null || second == null) {
        throw new IllegalArgumentException("no password given");
      }
      if (!Arrays.equals(first, second)) {
        throw new IllegalArgumentException("the two passwords differ");
      }
      return first.clone();
    } finally {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }

  private static char[] firstLine(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null) {
      throw new IllegalArgumentException("no password on standard input");
    }
    return line.toCharArray();
  }
}
