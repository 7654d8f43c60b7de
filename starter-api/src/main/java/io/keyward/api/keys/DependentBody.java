package io.keyward.api.keys;

import io.keyward.workflows.dependencies.KeyDependent;

/**
 * One application in a key's dependency map as JSON gives it: its name, the directory id of its
 * owner, and an address or channel to notify. Checked by {@link
 * io.keyward.workflows.dependencies.DependencyMapRules}.
 */
public record DependentBody(String application, String owner, String contact) {
  KeyDependent toDependent() {
    return new KeyDependent(strip(application), strip(owner), strip(contact));
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }
}
