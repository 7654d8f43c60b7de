package io.keyward.api.auth;

import java.util.Objects;

/**
 * HTTP Basic credentials and the address they came from. The address is part of the identity of an
 * attempt, so a password verified from one address is not taken as verified from another.
 */
public record PasswordAttempt(String username, String password, String address) {
  public PasswordAttempt {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(address, "address");
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "PasswordAttempt[username=" + username + ", address=" + address + "]";
  }
}
