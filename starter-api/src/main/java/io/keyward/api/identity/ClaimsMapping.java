package io.keyward.api.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.directory.DirectoryUser;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the claims of a verified token into a Keyward person: the id from the claim {@code
 * idClaim}, the roles from the values of {@code rolesClaim} (Entra ID app roles: {@code roles}; or
 * {@code groups}) through {@code roles}. A token whose values map to no Keyward role is refused, as
 * is one without the id claim: Keyward never guesses who someone is or what they may do. Values the
 * mapping does not know are ignored when another value maps, since a groups claim carries every
 * group of the person.
 */
public final class ClaimsMapping {
  /** What a Keyward id may look like: what the audit trail and the ceremonies can show as is. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@+\\-]{1,128}");

  private final String idClaim;
  private final String rolesClaim;
  private final Map<String, Set<Role>> roles;

  public ClaimsMapping(String idClaim, String rolesClaim, Map<String, Set<Role>> roles) {
    this.idClaim = idClaim;
    this.rolesClaim = rolesClaim;
    this.roles = Map.copyOf(roles);
  }

  /**
   * The person the claims name.
   *
   * @throws IdentityRefusedException without a usable id, or without a value that maps to a role
   */
  public DirectoryUser userOf(JWTClaimsSet claims) {
    String id = stringClaim(claims, idClaim);
    if (id == null || !ID.matcher(id).matches()) {
      throw new IdentityRefusedException(
          "the token has no usable '"
              + idClaim
              + "' claim, which Keyward takes as the person's id (letters, digits and ._@+-)");
    }
    List<String> values = listClaim(claims, rolesClaim);
    if (values.isEmpty()) {
      throw new IdentityRefusedException(
          "the token of "
              + id
              + " carries no '"
              + rolesClaim
              + "' claim: assign the person a Keyward role at the identity provider");
    }
    Set<Role> granted = EnumSet.noneOf(Role.class);
    values.forEach(value -> granted.addAll(roles.getOrDefault(value, Set.of())));
    if (granted.isEmpty()) {
      throw new IdentityRefusedException(
          "the token of "
              + id
              + " carries no role Keyward's role mapping knows ('"
              + rolesClaim
              + "': "
              + printable(values)
              + "); known: "
              + new TreeSet<>(roles.keySet()));
    }
    String name = stringClaim(claims, "name");
    String email = stringClaim(claims, "email");
    return new DirectoryUser(
        id, name == null || name.isBlank() ? id : name, email == null ? "" : email, granted);
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    return value instanceof String text ? text.strip() : null;
  }

  private static List<String> listClaim(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    if (value instanceof String single) {
      return List.of(single);
    }
    try {
      List<String> list = claims.getStringListClaim(name);
      return list == null ? List.of() : list;
    } catch (ParseException notStrings) {
      return List.of();
    }
  }

  private static String printable(List<String> values) {
    return values.stream()
        .limit(10)
        .map(v -> v.length() > 64 ? v.substring(0, 64) + "..." : v)
        .map(v -> v.replaceAll("[^A-Za-z0-9._@+\\- ]", "?"))
        .toList()
        .toString();
  }
}
