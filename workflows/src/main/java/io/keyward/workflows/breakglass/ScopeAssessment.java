package io.keyward.workflows.breakglass;

import io.keyward.workflows.hsm.KeyTags;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import io.keyward.workflows.register.RegisteredKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a break-glass session's authorisation level from the keys in its scope (runbook 8.3): L3
 * when a root CA key is in scope, L2 when an ULTRA key is, L1 otherwise. A key's classification and
 * usage come from the key register; a key the register does not hold counts as ULTRA. The
 * provider's tags ({@value KeyTags#CLASSIFICATION}, {@value KeyUsage#TAG}) are a cross-check: where
 * they disagree with the register the mismatch is reported and the stricter of the two counts.
 *
 * @param reason why the level is what it is, naming the key that decided it
 */
public record ScopeAssessment(BreakGlassLevel level, List<ScopedKey> keys, String reason) {
  public ScopeAssessment {
    keys = List.copyOf(keys);
  }

  /**
   * Assesses the newest version of every key in scope against its register entry ({@code entries},
   * in the same order; an empty one for a key the register does not hold).
   */
  public static ScopeAssessment of(
      List<KeyVersionInfo> newestVersions, List<Optional<RegisteredKey>> entries) {
    if (newestVersions.size() != entries.size()) {
      throw new IllegalArgumentException("one register entry (or none) for each key in scope");
    }
    List<ScopedKey> scoped = new ArrayList<>();
    for (int i = 0; i < newestVersions.size(); i++) {
      scoped.add(scoped(newestVersions.get(i), entries.get(i)));
    }
    Optional<ScopedKey> rootCa = scoped.stream().filter(ScopedKey::rootCa).findFirst();
    if (rootCa.isPresent()) {
      return new ScopeAssessment(
          BreakGlassLevel.L3,
          scoped,
          rootCa.get().key() + " is a root CA key: Level 3, CEO approval (runbook 8.3)");
    }
    Optional<ScopedKey> ultra =
        scoped.stream()
            .filter(k -> Classification.ULTRA.name().equals(k.classification()))
            .findFirst();
    if (ultra.isPresent()) {
      return new ScopeAssessment(
          BreakGlassLevel.L2,
          scoped,
          ultra.get().key()
              + (ultra.get().owner() == null
                  ? " is not in the key register and counts as ULTRA"
                  : " is ULTRA")
              + ": Level 2, CISO + CTO (runbook 8.3)");
    }
    return new ScopeAssessment(
        BreakGlassLevel.L1,
        scoped,
        "no ULTRA or root CA key in scope: Level 1, Security Team Lead + the keys' owner"
            + " (runbook 8.3)");
  }

  /** The mismatches between the register and the provider tags, one line per key. */
  public List<String> mismatches() {
    return keys.stream()
        .filter(k -> k.mismatch() != null)
        .map(k -> k.key() + ": " + k.mismatch())
        .toList();
  }

  /**
   * The owners of the keys in scope: one accountable person when every key has the same one, else
   * empty (no one person owns the scope).
   */
  public Optional<String> soleOwner() {
    List<String> owners = keys.stream().map(ScopedKey::owner).distinct().toList();
    return owners.size() == 1 && owners.get(0) != null
        ? Optional.of(owners.get(0))
        : Optional.empty();
  }

  private static ScopedKey scoped(KeyVersionInfo version, Optional<RegisteredKey> entry) {
    Classification tagged = classificationOf(version.tags().get(KeyTags.CLASSIFICATION));
    boolean taggedRootCa =
        KeyUsage.fromTag(version.tags().get(KeyUsage.TAG), null) == KeyUsage.ROOT_CA;
    if (entry.isEmpty()) {
      return new ScopedKey(version.key(), Classification.ULTRA.name(), taggedRootCa, null, null);
    }
    RegisteredKey registered = entry.get();
    List<String> mismatch = new ArrayList<>();
    Classification counted = registered.classification();
    if (tagged != registered.classification()) {
      mismatch.add(
          "the provider tags it "
              + (tagged == null ? "with no known classification" : tagged.name())
              + ", the key register "
              + registered.classification());
      if (tagged != null && tagged.ordinal() < counted.ordinal()) {
        counted = tagged;
      }
    }
    boolean registeredRootCa = registered.usage() == KeyUsage.ROOT_CA;
    if (taggedRootCa != registeredRootCa) {
      mismatch.add(
          "the provider tags its usage "
              + Objects.requireNonNullElse(version.tags().get(KeyUsage.TAG), "not at all")
              + ", the key register "
              + registered.usage());
    }
    return new ScopedKey(
        version.key(),
        counted.name(),
        taggedRootCa || registeredRootCa,
        registered.owner().person(),
        mismatch.isEmpty() ? null : String.join("; ", mismatch) + " (the stricter counts)");
  }

  private static Classification classificationOf(String tag) {
    if (tag == null) {
      return null;
    }
    for (Classification c : Classification.values()) {
      if (c.name().equalsIgnoreCase(tag.strip())) {
        return c;
      }
    }
    return null;
  }
}
