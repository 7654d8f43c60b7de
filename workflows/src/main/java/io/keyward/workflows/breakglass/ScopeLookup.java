package io.keyward.workflows.breakglass;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyProviderActivities;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.register.RegisterLookup;
import io.keyward.workflows.register.RegisterSteps;
import io.keyward.workflows.register.RegisteredKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the keys a break-glass scope covers from the providers and their entries from the key
 * register, for the assessment of its level (runbook 8.3). Workflow code: it calls the activities
 * it is given.
 */
final class ScopeLookup {
  private final KeyProviderActivities keys;
  private final RegisterSteps register;

  ScopeLookup(KeyProviderActivities keys, RegisterSteps register) {
    this.keys = keys;
    this.register = register;
  }

  /** The newest version of every key in scope; a key or vault that holds nothing fails. */
  ScopeAssessment assess(BreakGlassScope scope) {
    List<KeyRef> refs =
        scope.vault() == null
            ? scope.keys()
            : keys.listKeys().stream()
                .filter(k -> k.vault().equals(scope.vault()))
                .sorted(Comparator.comparing(KeyRef::toString))
                .toList();
    if (refs.isEmpty()) {
      throw new ScopeNotFound("vault " + scope.vault() + " holds no keys at any provider");
    }
    List<KeyVersionInfo> newest = new ArrayList<>();
    List<KeyRef> missing = new ArrayList<>();
    for (KeyRef ref : refs) {
      List<KeyVersionInfo> versions = keys.listVersions(ref);
      if (versions.isEmpty()) {
        missing.add(ref);
      } else {
        newest.add(versions.get(versions.size() - 1));
      }
    }
    if (!missing.isEmpty()) {
      throw new ScopeNotFound("no provider holds " + missing + "; declare a scope that exists");
    }
    List<Optional<RegisteredKey>> entries =
        register.findAll(refs).stream().map(RegisterLookup::found).toList();
    return ScopeAssessment.of(newest, entries);
  }

  /** A scope that names keys or a vault no provider holds. */
  static final class ScopeNotFound extends RuntimeException {
    ScopeNotFound(String message) {
      super(message);
    }
  }
}
