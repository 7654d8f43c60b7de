package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.KeyRef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a break-glass session may touch: either every key of one vault, or a list of named keys.
 * Exactly one of the two is given. The keys in scope decide the authorisation level (see {@link
 * ScopeAssessment}).
 */
public record BreakGlassScope(String vault, List<KeyRef> keys) {
  /** Enough for an incident; a longer list is an entire vault, and should be declared as one. */
  public static final int MAX_KEYS = 20;

  private static final Pattern VAULT = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]");

  public BreakGlassScope {
    keys = keys == null ? List.of() : List.copyOf(new LinkedHashSet<>(keys));
    boolean hasVault = vault != null && !vault.isBlank();
    if (hasVault == !keys.isEmpty()) {
      throw new IllegalArgumentException(
          "a break-glass scope names either a vault or a list of keys, not "
              + (hasVault ? "both" : "neither"));
    }
    if (hasVault && !VAULT.matcher(vault).matches()) {
      throw new IllegalArgumentException(
          "vault must be 3-24 letters, digits or dashes, starting with a letter: '" + vault + "'");
    }
    if (keys.size() > MAX_KEYS) {
      throw new IllegalArgumentException(
          "at most " + MAX_KEYS + " keys in a break-glass scope, was " + keys.size());
    }
    vault = hasVault ? vault : null;
  }

  public static BreakGlassScope ofVault(String vault) {
    return new BreakGlassScope(vault, List.of());
  }

  public static BreakGlassScope ofKeys(List<KeyRef> keys) {
    return new BreakGlassScope(null, keys);
  }

  /** True when {@code key} lies inside this scope. */
  public boolean covers(KeyRef key) {
    return vault != null ? key.vault().equals(vault) : keys.contains(key);
  }

  /**
   * The scope as the {@code KeywardKeyName} search attribute shows it: the key of a one-key scope,
   * {@code <vault>/*} for a vault, the first key and how many more otherwise.
   */
  public String searchKeyName() {
    if (vault != null) {
      return vault + "/*";
    }
    return keys.size() == 1
        ? keys.get(0).toString()
        : keys.get(0) + " (+" + (keys.size() - 1) + ")";
  }

  /** e.g. {@code every key of vault kv-payments} or {@code kv-payments/card-signing}. */
  public String describe() {
    return vault != null
        ? "every key of vault " + vault
        : keys.stream().map(KeyRef::toString).collect(Collectors.joining(", "));
  }
}
