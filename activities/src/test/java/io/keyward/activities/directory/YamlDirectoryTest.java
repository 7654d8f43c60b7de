package io.keyward.activities.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.DirectoryUser;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.ClassificationPolicy;
import io.keyward.workflows.policy.PolicyMatrix;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlDirectoryTest {
  /** A real bcrypt hash of "s3cret" at cost 4, so bad-file tests stay quick. */
  private static String hash;

  private static YamlDirectory demo;

  @TempDir Path dir;

  @BeforeAll
  static void loadDemo() {
    hash = HashPassword.hash("s3cret".toCharArray(), 4);
    demo = YamlDirectory.demo();
  }

  private static YamlDirectory parse(String yaml) throws IOException {
    return YamlDirectory.parse(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test-users.yml");
  }

  private static String user(String id, String roles, String passwordHash) {
    return "  - id: "
        + id
        + "\n    name: Someone\n    email: "
        + id
        + "@example.com\n    roles: "
        + roles
        + "\n"
        + (passwordHash == null ? "" : "    passwordHash: \"" + passwordHash + "\"\n");
  }

  @Test
  void demoDirectoryHoldsTheDemoPeopleWithTheirRoles() {
    Map<String, Set<Role>> rolesById =
        demo.users().stream().collect(Collectors.toMap(DirectoryUser::id, DirectoryUser::roles));

    assertThat(rolesById)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("alice", Set.of(Role.APPLICATION_OWNER)),
                Map.entry("olivia", Set.of(Role.CRYPTO_OFFICER)),
                Map.entry("oscar", Set.of(Role.CRYPTO_OFFICER)),
                Map.entry("lena", Set.of(Role.SECURITY_TEAM_LEAD)),
                Map.entry("carol", Set.of(Role.CISO)),
                Map.entry("tom", Set.of(Role.CTO)),
                Map.entry("erin", Set.of(Role.CEO)),
                Map.entry("kim", Set.of(Role.KEY_CUSTODIAN)),
                Map.entry("kai", Set.of(Role.KEY_CUSTODIAN)),
                Map.entry("sam", Set.of(Role.SECURITY_ENGINEER)),
                Map.entry("audrey", Set.of(Role.SECURITY_AUDITOR)),
                Map.entry("bruno", Set.of(Role.BREAK_GLASS_ADMIN)),
                Map.entry("tara", Set.of(Role.TEAM_LEAD)),
                Map.entry("sol", Set.of(Role.SECURITY_OPERATIONS)),
                Map.entry("bob", Set.of(Role.BOARD_MEMBER))));
    assertThat(demo.find("alice"))
        .hasValueSatisfying(
            alice -> {
              assertThat(alice.displayName()).isEqualTo("Alice Requester");
              assertThat(alice.email()).isEqualTo("alice@example.com");
            });
  }

  @Test
  void everyDemoUserSignsInWithTheirDemoPasswordAndNotWithAnother() {
    for (DirectoryUser user : demo.users()) {
      assertThat(demo.authenticate(user.id(), (user.id() + "-demo-password").toCharArray()))
          .as(user.id())
          .contains(user);
      assertThat(demo.authenticate(user.id(), "alice-demo-password-2".toCharArray()))
          .as(user.id() + " with a wrong password")
          .isEmpty();
    }
  }

  @Test
  void refusesAnUnknownUserAndAMissingPassword() {
    assertThat(demo.authenticate("mallory", "mallory-demo-password".toCharArray())).isEmpty();
    assertThat(demo.authenticate("Alice", "alice-demo-password".toCharArray())).isEmpty();
    assertThat(demo.authenticate(null, "x".toCharArray())).isEmpty();
    assertThat(demo.authenticate("alice", null)).isEmpty();
    assertThat(demo.authenticate("alice", new char[0])).isEmpty();
    assertThat(demo.find("mallory")).isEmpty();
  }

  @Test
  void checksUnknownUsersAgainstAHashAsCostlyAsTheUsersOwn() {
    assertThat(demo.costOfUnknownUserCheck()).isEqualTo(10);
  }

  @Test
  void demoHasTheEligiblePoolsOfTheClassificationMatrix() {
    ClassificationPolicy ultra = PolicyMatrix.policyFor(Classification.ULTRA);
    ClassificationPolicy secret = PolicyMatrix.policyFor(Classification.SECRET);

    assertThat(eligibleFor(ultra))
        .containsExactlyInAnyOrder("olivia", "oscar", "carol", "tom", "erin");
    assertThat(eligibleFor(ultra)).hasSize(ultra.eligiblePool());
    assertThat(eligibleFor(secret))
        .containsExactlyInAnyOrder("olivia", "oscar", "lena", "carol")
        .hasSizeGreaterThanOrEqualTo(secret.eligiblePool());
  }

  private static Set<String> eligibleFor(ClassificationPolicy policy) {
    return policy.approverRoles().stream()
        .flatMap(role -> demo.holdersOf(role).stream())
        .map(DirectoryUser::id)
        .collect(Collectors.toSet());
  }

  @Test
  void listsHoldersOfARoleInFileOrder() {
    assertThat(demo.holdersOf(Role.KEY_CUSTODIAN))
        .extracting(DirectoryUser::id)
        .containsExactly("kim", "kai");
    assertThat(demo.holdersOf(Role.CRYPTO_OFFICER))
        .extracting(DirectoryUser::id)
        .containsExactly("olivia", "oscar");
  }

  @Test
  void loadsAUsersFileWithSeveralRolesPerUser() throws Exception {
    Path file = dir.resolve("users.yml");
    Files.writeString(
        file, "users:\n" + user("lena", "[SECURITY_TEAM_LEAD, CRYPTO_OFFICER]", hash));

    YamlDirectory directory = YamlDirectory.load(file);

    assertThat(directory.holdersOf(Role.CRYPTO_OFFICER))
        .extracting(DirectoryUser::id)
        .containsExactly("lena");
    assertThat(directory.authenticate("lena", "s3cret".toCharArray())).isPresent();
    assertThat(directory.costOfUnknownUserCheck()).isEqualTo(4);
  }

  @Test
  void refusesAnUnknownRoleNamingTheUserAndTheRole() {
    assertThatThrownBy(() -> parse("users:\n" + user("tom", "[CTO, ADMIN]", hash)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("users file test-users.yml: user 'tom' has unknown role 'ADMIN'")
        .hasMessageContaining("CRYPTO_OFFICER");
  }

  @Test
  void refusesADuplicateId() {
    assertThatThrownBy(
            () ->
                parse(
                    "users:\n" + user("kim", "[KEY_CUSTODIAN]", hash) + user("kim", "[CEO]", hash)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("users file test-users.yml: user 'kim' is listed twice");
  }

  @Test
  void refusesAMissingHash() {
    assertThatThrownBy(() -> parse("users:\n" + user("sam", "[SECURITY_ENGINEER]", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("users file test-users.yml: user 'sam' has no passwordHash");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plaintext-password",
        "$2y$10$tooshort",
        "$1$abcdefgh$abcdefghijklmnopqrstuv",
        "$2y$10$!!!!!!!!!!!!!!!!!!!!!!abcdefghijklmnopqrstuvwxyz01234",
      })
  void refusesAnInvalidHashWithoutRepeatingIt(String badHash) {
    assertThatThrownBy(() -> parse("users:\n" + user("sam", "[SECURITY_ENGINEER]", badHash)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "users file test-users.yml: user 'sam' has a passwordHash that is not a bcrypt hash")
        .hasMessageNotContaining(badHash);
  }

  @Test
  void refusesABcryptCostOutOfRange() {
    String costThree = "$2y$03$" + hash.substring(7);
    assertThatThrownBy(() -> parse("users:\n" + user("sam", "[SECURITY_ENGINEER]", costThree)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "users file test-users.yml: user 'sam' has a bcrypt cost of 3 (expected 4 to 31)");
  }

  @Test
  void refusesAUserWithoutIdOrRoles() {
    assertThatThrownBy(
            () -> parse("users:\n" + user("kai", "[KEY_CUSTODIAN]", hash) + "  - name: Nobody\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("users file test-users.yml: user #2 has no id");
    assertThatThrownBy(() -> parse("users:\n" + user("kai", "[]", hash)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("users file test-users.yml: user 'kai' has no roles");
  }

  @Test
  void refusesAnUnknownFieldWithoutRepeatingTheHash() {
    String yaml =
        "users:\n" + user("kai", "[KEY_CUSTODIAN]", null) + "    password: \"" + hash + "\"\n";

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("users file test-users.yml has an unknown field 'password'")
        .hasMessageContaining("users #1")
        .hasMessageNotContaining(hash);
  }

  @Test
  void refusesBrokenYamlWithoutRepeatingItsText() {
    String yaml = "users:\n  - id: kai\n    passwordHash: \"" + hash + "\n   roles: [\n";

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("users file test-users.yml is not valid YAML at line")
        .hasMessageNotContaining(hash);
  }

  @Test
  void refusesAFileWithoutUsers() {
    assertThatThrownBy(() -> parse("users: []\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("users file test-users.yml lists no users");
    assertThatThrownBy(() -> YamlDirectory.load(dir.resolve("missing.yml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("missing.yml does not exist");
  }
}
