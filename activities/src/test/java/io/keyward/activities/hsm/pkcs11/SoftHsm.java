package io.keyward.activities.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SoftHSM2 installation with fresh tokens for the tests of this JVM, in a temporary
 * directory deleted when the JVM exits.
 *
 * <p>SoftHSM2 reads its configuration once, when the first PKCS#11 call in the process initialises
 * the library, and sees only the tokens present then. So the configuration lives at the path
 * Surefire puts in {@code SOFTHSM2_CONF}, and every token the tests use is made on first use,
 * before any test touches the library.
 *
 * <p>Without SoftHSM2 the tests are skipped on a laptop and fail under CI ({@code CI=true}): {@code
 * .ci/run} installs it, so a missing SoftHSM2 there is a broken build, not a reason to pass.
 */
public final class SoftHsm {
  public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  public static final String MAIN_TOKEN = "keyward-test";
  public static final String SPARE_TOKEN = "keyward-spare";

  /** A token nobody logs in to, so a wrong PIN meets a real login. */
  public static final String UNTOUCHED_TOKEN = "keyward-untouched";

  private static final Pattern REASSIGNED = Pattern.compile("reassigned to slot (\\d+)");

  private static SoftHsm shared;

  private final Path directory;
  private final Map<String, Token> tokens;

  /** A token made for the tests: its label, slot and user PIN. */
  public record Token(String label, long slot, String pin) {
    public Pkcs11Pin userPin() {
      return Pkcs11Pin.of(pin.toCharArray(), "the test token's PIN");
    }
  }

  private SoftHsm(Path directory, Map<String, Token> tokens) {
    this.directory = directory;
    this.tokens = tokens;
  }

  /**
   * The tokens of this JVM, made on first call; skips or fails the test when SoftHSM2 is absent.
   */
  public static synchronized SoftHsm shared() {
    if (shared == null) {
      String missing = missingPart();
      if (missing != null) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(missing + "; .ci/run installs softhsm2 and opensc, so under CI this is a failure");
        }
        Assumptions.abort(missing + " (apt-get install softhsm2 opensc); skipping");
      }
      shared = create();
    }
    return shared;
  }

  public Token main() {
    return tokens.get(MAIN_TOKEN);
  }

  public Token spare() {
    return tokens.get(SPARE_TOKEN);
  }

  public Token untouched() {
    return tokens.get(UNTOUCHED_TOKEN);
  }

  public Path tokenDirectory() {
    return directory;
  }

  /** Settings that name the main token by label. */
  public Pkcs11Settings settings(String providerName) {
    return new Pkcs11Settings(providerName, LIBRARY, null, null, MAIN_TOKEN);
  }

  /**
   * Runs OpenSC's {@code pkcs11-tool} against the main token in a process of its own and returns
   * what it prints: a view of the token from outside Keyward.
   */
  public String pkcs11Tool(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("pkcs11-tool");
    command.add("--module");
    command.add(LIBRARY.toString());
    command.add("--slot");
    command.add(Long.toString(main().slot()));
    command.add("--login");
    command.add("--pin");
    command.add(main().pin());
    command.addAll(List.of(arguments));
    return run(command);
  }

  private static String missingPart() {
    if (!Files.isRegularFile(LIBRARY)) {
      return "SoftHSM2 is not installed (" + LIBRARY + " is missing)";
    }
    if (!onPath("softhsm2-util") || !onPath("pkcs11-tool")) {
      return "softhsm2-util or OpenSC's pkcs11-tool is not on the PATH";
    }
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null || conf.isBlank()) {
      return "SOFTHSM2_CONF is not set (Surefire sets it; run the tests through Maven)";
    }
    return null;
  }

  private static SoftHsm create() {
    try {
      Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
      Files.createDirectories(conf.getParent());
      Path directory = Files.createTempDirectory("keyward-softhsm-");
      Files.writeString(
          conf,
          "directories.tokendir = "
              + directory
              + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
          StandardCharsets.UTF_8);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
      Map<String, Token> tokens =
          Map.of(
              MAIN_TOKEN, initToken(MAIN_TOKEN),
              SPARE_TOKEN, initToken(SPARE_TOKEN),
              UNTOUCHED_TOKEN, initToken(UNTOUCHED_TOKEN));
      return new SoftHsm(directory, tokens);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Token initToken(String label) {
    String pin = randomHex(8);
    String output =
        run(
            List.of(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                label,
                "--pin",
                pin,
                "--so-pin",
                randomHex(8)));
    Matcher slot = REASSIGNED.matcher(output);
    if (!slot.find()) {
      throw new IllegalStateException("softhsm2-util did not report a slot: " + output);
    }
    return new Token(label, Long.parseLong(slot.group(1)), pin);
  }

  /** Runs a tool and returns its standard output; its warnings go apart, so no line is split. */
  private static String run(List<String> command) {
    try {
      Path errors = Files.createTempFile("keyward-softhsm-tool-", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(errors.toFile()))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IllegalStateException(
              command.get(0) + " failed: " + output + Files.readString(errors));
        }
        return output;
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // the temporary directory is gone already, or will be cleaned with the build directory
    }
  }
}
