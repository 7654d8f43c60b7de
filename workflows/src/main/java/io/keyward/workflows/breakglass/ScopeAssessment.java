package io.keyward.workflows.breakglass;

import io.keyward.workflows.hsm.KeyTags;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.Classification;
import io.keyward.workflows.policy.KeyUsage;
import java.util.List;
import java.util.Optional;

/**
 * Decides a break-glass session's authorisation level from the keys in its scope (runbook 8.3): L3
 * when a root CA key is in scope, L2 when an ULTRA key is, L1 otherwise. A key's classification is
 * its {@value GenerationTags#CLASSIFICATION} tag; a key without one cannot be shown not to be ULTRA
 * and counts as ULTRA. A key is a root CA key when its {@value KeyUsage#TAG} tag says {@link
 * KeyUsage#ROOT_CA}, the usage the rotation schedule matrix (runbook 6.1) names.
 *
 * @param reason why the level is what it is, naming the key that decided it
 */
public record ScopeAssessment(BreakGlassLevel level, List<ScopedKey> keys, String reason) {
  public ScopeAssessment {
    keys = List.copyOf(keys);
  }

  /** Assesses the newest version of every key in scope. */
  public static ScopeAssessment of(List<KeyVersionInfo> newestVersions) {
    List<ScopedKey> scoped =
        newestVersions.stream()
            .map(
                v ->
                    new ScopedKey(
                        v.key(),
                        v.tags().get(KeyTags.CLASSIFICATION),
                        KeyUsage.fromTag(v.tags().get(KeyUsage.TAG), null) == KeyUsage.ROOT_CA))
            .toList();
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
          ultra.get().key() + " is ULTRA: Level 2, CISO + CTO (runbook 8.3)");
    }
    Optional<ScopedKey> unclassified =
        scoped.stream().filter(k -> !isClassification(k.classification())).findFirst();
    if (unclassified.isPresent()) {
      return new ScopeAssessment(
          BreakGlassLevel.L2,
          scoped,
          unclassified.get().key()
              + " has no known classification and counts as ULTRA: Level 2, CISO + CTO"
              + " (runbook 8.3)");
    }
    return new ScopeAssessment(
        BreakGlassLevel.L1,
        scoped,
        "no ULTRA or root CA key in scope: Level 1, Security Team Lead + Application Owner"
            + " (runbook 8.3)");
  }

  private static boolean isClassification(String tag) {
    if (tag == null) {
      return false;
    }
    for (Classification c : Classification.values()) {
      if (c.name().equals(tag)) {
        return true;
      }
    }
    return false;
  }
}
