package io.keyward.activities.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.directory.DirectoryUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The directory as a YAML users file, for development and small deployments:
 *
 * <pre>
 * users:
 *   - id: alice
 *     name: Alice Requester
 *     email: alice@example.com
 *     roles: [APPLICATION_OWNER]
 *     passwordHash: "$2y$12$..."   # bcrypt, made with HashPassword
 * </pre>
 *
 * <p>The whole file is checked when it loads: a missing field, an unknown role, a duplicate id or a
 * malformed hash fails the load with a message that names the user and the problem, never the hash.
 * {@link #authenticate} runs bcrypt for an unknown user too, against a hash of the cost most users
 * have, so the time it takes does not tell which user names exist.
 */
public final class YamlDirectory implements Directory {
  /** The demo directory on the classpath; its passwords are {@code <id>-demo-password}. */
  public static final String DEMO_USERS = "/io/keyward/dev/users.yml";

  private static final ObjectMapper YAML =
      YAMLMapper.builder(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Map<String, Entry> users;
  private final String dummyHash;
  private final int dummyCost;

  private YamlDirectory(Map<String, Entry> users) {
    this.users = users;
    this.dummyCost = typicalCost(users.values());
    this.dummyHash = BcryptHash.unmatchable(dummyCost);
  }

  /**
   * Loads and checks a users file.
   *
   * @throws IllegalArgumentException when the file is malformed, naming the user and the problem
   * @throws UncheckedIOException when the file cannot be read
   */
  public static YamlDirectory load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("users file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("users file " + file + " cannot be read", e);
    }
  }

  /** The demo directory shipped with Keyward ({@link #DEMO_USERS}). */
  public static YamlDirectory demo() {
    try (InputStream in = YamlDirectory.class.getResourceAsStream(DEMO_USERS)) {
      if (in == null) {
        throw new IllegalStateException(
            "demo users file " + DEMO_USERS + " is not on the classpath");
      }
      return parse(in, DEMO_USERS);
    } catch (IOException e) {
      throw new UncheckedIOException("demo users file " + DEMO_USERS + " cannot be read", e);
    }
  }

  /** Reads and checks users from YAML; {@code source} names the file in messages. */
  public static YamlDirectory parse(InputStream yaml, String source) throws IOException {
    UsersFile file;
    try {
      file = YAML.readValue(yaml, UsersFile.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("users file " + source + " " + describe(e), e);
    }
    if (file == null || file.users() == null || file.users().isEmpty()) {
      throw new IllegalArgumentException("users file " + source + " lists no users");
    }
    Map<String, Entry> users = new LinkedHashMap<>();
    int position = 0;
    for (UserEntry entry : file.users()) {
      position++;
      Entry checked = check(entry, position, source);
      if (users.putIfAbsent(checked.user().id(), checked) != null) {
        throw new IllegalArgumentException(
            "users file " + source + ": user '" + checked.user().id() + "' is listed twice");
      }
    }
    return new YamlDirectory(Collections.unmodifiableMap(users));
  }

  @Override
  public Optional<DirectoryUser> authenticate(String username, char[] password) {
    Entry entry = username == null ? null : users.get(username);
    char[] candidate = password == null ? new char[0] : password;
    boolean matches =
        BcryptHash.matches(entry == null ? dummyHash : entry.passwordHash(), candidate);
    return matches && entry != null && password != null
        ? Optional.of(entry.user())
        : Optional.empty();
  }

  @Override
  public Optional<DirectoryUser> find(String username) {
    return Optional.ofNullable(username == null ? null : users.get(username)).map(Entry::user);
  }

  /** Everyone who holds the role, in the order of the users file. */
  @Override
  public List<DirectoryUser> holdersOf(Role role) {
    return users.values().stream()
        .map(Entry::user)
        .filter(user -> user.roles().contains(role))
        .toList();
  }

  /** Everyone in the directory, in the order of the users file. */
  public List<DirectoryUser> users() {
    return users.values().stream().map(Entry::user).toList();
  }

  /** The bcrypt cost spent on a user name that is not in the directory. */
  int costOfUnknownUserCheck() {
    return dummyCost;
  }

  private static Entry check(UserEntry entry, int position, String source) {
    String prefix = "users file " + source + ": ";
    if (entry == null) {
      throw new IllegalArgumentException(prefix + "user #" + position + " is empty");
    }
    if (entry.id() == null || entry.id().isBlank()) {
      throw new IllegalArgumentException(prefix + "user #" + position + " has no id");
    }
    String id = entry.id();
    String who = prefix + "user '" + id + "' ";
    if (!id.equals(id.strip()) || id.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(who + "has whitespace in its id");
    }
    if (entry.name() == null || entry.name().isBlank()) {
      throw new IllegalArgumentException(who + "has no name");
    }
    if (entry.roles() == null || entry.roles().isEmpty()) {
      throw new IllegalArgumentException(who + "has no roles");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String role : entry.roles()) {
      roles.add(roleNamed(role, who));
    }
    BcryptHash.problemWith(entry.passwordHash())
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(who + problem);
            });
    return new Entry(
        new DirectoryUser(id, entry.name(), entry.email(), roles), entry.passwordHash());
  }

  private static Role roleNamed(String name, String who) {
    Map<String, Role> known =
        Arrays.stream(Role.values()).collect(Collectors.toMap(Role::name, Function.identity()));
    Role role = name == null ? null : known.get(name);
    if (role == null) {
      throw new IllegalArgumentException(
          who
              + "has unknown role '"
              + name
              + "' (known roles: "
              + known.keySet().stream().sorted().collect(Collectors.joining(", "))
              + ")");
    }
    return role;
  }

  /** The cost most users' hashes have (the higher one on a tie). */
  private static int typicalCost(Iterable<Entry> entries) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (Entry entry : entries) {
      counts.merge(BcryptHash.costOf(entry.passwordHash()), 1, Integer::sum);
    }
    return counts.entrySet().stream()
        .max(
            Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse(HashPassword.DEFAULT_COST);
  }

  /** Describes a YAML or mapping error by place and kind, never by the text found there. */
  private static String describe(JsonProcessingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamReadException syntax) {
        return "is not valid YAML" + where(syntax);
      }
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "has an unknown field '"
          + unknown.getPropertyName()
          + "'"
          + where(e)
          + " in "
          + path(unknown);
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return "has a value of the wrong form" + where(e) + " in " + path(mapping);
    }
    return "cannot be read" + where(e);
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static String path(JsonMappingException e) {
    List<String> parts = new ArrayList<>();
    for (JsonMappingException.Reference reference : e.getPath()) {
      parts.add(
          reference.getFieldName() != null
              ? reference.getFieldName()
              : "#" + (reference.getIndex() + 1));
    }
    return String.join(" ", parts);
  }

  private record Entry(DirectoryUser user, String passwordHash) {
    @Override
    public String toString() {
      return "Entry[user=" + user + "]";
    }
  }

  private record UsersFile(List<UserEntry> users) {}

  private record UserEntry(
      String id, String name, String email, List<String> roles, String passwordHash) {
    @Override
    public String toString() {
      return "UserEntry[id=" + id + "]";
    }
  }
}
