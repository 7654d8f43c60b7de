package io.keyward.activities.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

class HashPasswordTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, String... args) {
    return HashPassword.run(
        args,
        null,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsACost12BcryptHashOfThePasswordOnStandardInput() {
    assertThat(run("correct horse battery\n")).isZero();

    String printed = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(printed).startsWith("$2y$12$").hasSize(60).doesNotContain("correct horse");
    assertThat(OpenBSDBCrypt.checkPassword(printed, "correct horse battery".toCharArray()))
        .isTrue();
    assertThat(OpenBSDBCrypt.checkPassword(printed, "correct horse".toCharArray())).isFalse();
  }

  @Test
  void makesAHashThatTheUsersFileAcceptsAndThatAuthenticates() throws Exception {
    assertThat(run("n3w-custodian\n", "--cost", "5")).isZero();
    String printed = out.toString(StandardCharsets.UTF_8).strip();
    String yaml =
        "users:\n  - id: kira\n    name: Kira Custodian\n    roles: [KEY_CUSTODIAN]\n"
            + "    passwordHash: \""
            + printed
            + "\"\n";

    YamlDirectory directory =
        YamlDirectory.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "new");

    assertThat(directory.authenticate("kira", "n3w-custodian".toCharArray())).isPresent();
  }

  @Test
  void saltsEveryHashDifferently() {
    assertThat(HashPassword.hash("same".toCharArray(), 4))
        .isNotEqualTo(HashPassword.hash("same".toCharArray(), 4));
  }

  @Test
  void refusesAnEmptyOrOverlongPasswordAndABadCost() {
    assertThat(run("\n")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("the password is empty");
    assertThat(run("")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no password on standard input");
    assertThat(run("x\n", "--cost", "two")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cost needs a number");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThatThrownBy(() -> HashPassword.hash("é".repeat(37).toCharArray(), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the password is longer than 72 bytes; bcrypt would ignore the rest of it");
    assertThatThrownBy(() -> HashPassword.hash("x".toCharArray(), 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cost must be 4 to 31, was 32");
  }
}
