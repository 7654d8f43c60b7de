package io.keyward.workflows.ceremony;

import static io.keyward.workflows.common.KeywardSearchAttributes.AWAITING_ROLES;

import io.keyward.workflows.common.Role;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What operators see of a ceremony in Temporal Web: its search attributes (one upsert) and the
 * memo's one-line summary. Workflow code only.
 */
public final class CeremonyVisibility {
  private CeremonyVisibility() {}

  /** Upserts {@code attributes} in one command, then the memo's {@code summary}. */
  public static void publish(String summary, List<SearchAttributeUpdate<?>> attributes) {
    Workflow.upsertTypedSearchAttributes(attributes.toArray(new SearchAttributeUpdate<?>[0]));
    Workflow.upsertMemo(Map.of("summary", summary));
  }

  /** The roles awaited, sorted by name; unset when none is awaited. */
  public static SearchAttributeUpdate<?> awaiting(Collection<Role> roles) {
    List<String> names = roleNames(roles);
    return names.isEmpty()
        ? SearchAttributeUpdate.valueUnset(AWAITING_ROLES)
        : SearchAttributeUpdate.valueSet(AWAITING_ROLES, names);
  }

  /** Role names sorted, as search attributes, summaries and notices show them. */
  public static List<String> roleNames(Collection<Role> roles) {
    return roles.stream().map(Role::name).sorted().toList();
  }
}
