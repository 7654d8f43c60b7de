package io.keyward.workflows.ceremony;

import static io.keyward.workflows.common.KeywardSearchAttributes.AWAITING_ROLES;
import static io.keyward.workflows.common.KeywardSearchAttributes.STEP_DUE;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.WaitingStep;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What operators see of a ceremony in Temporal Web: its search attributes (one upsert) and the
 * memo's one-line summary; and, since {@link #WAITING_STEP_CHANGE}, what the inbox shows of its
 * open step. Workflow code only.
 */
public final class CeremonyVisibility {
  /**
   * Change id (workflows/VERSIONS.md): the ceremony also publishes its open step ({@link
   * WaitingStep} in the memo, its due date as {@code KeywardStepDue}), again after each accepted
   * decision, so that the inbox needs no query per run.
   */
  public static final String WAITING_STEP_CHANGE = "inbox-waiting-step";

  private CeremonyVisibility() {}

  /** Upserts {@code attributes} in one command, then the memo's {@code summary}. */
  public static void publish(String summary, List<SearchAttributeUpdate<?>> attributes) {
    Workflow.upsertTypedSearchAttributes(attributes.toArray(new SearchAttributeUpdate<?>[0]));
    Workflow.upsertMemo(Map.of("summary", summary));
  }

  /**
   * Like {@link #publish(String, List)}, with the open step: its due date among the attributes, the
   * step in the memo beside the summary. The same two commands.
   */
  public static void publish(
      String summary, List<SearchAttributeUpdate<?>> attributes, WaitingStep step) {
    List<SearchAttributeUpdate<?>> all = new ArrayList<>(attributes);
    all.add(
        step.due() == null
            ? SearchAttributeUpdate.valueUnset(STEP_DUE)
            : SearchAttributeUpdate.valueSet(STEP_DUE, step.due().atOffset(ZoneOffset.UTC)));
    Workflow.upsertTypedSearchAttributes(all.toArray(new SearchAttributeUpdate<?>[0]));
    Workflow.upsertMemo(Map.of("summary", summary, WaitingStep.MEMO_KEY, step));
  }

  /**
   * Whether this run publishes its open step ({@link #WAITING_STEP_CHANGE}): runs started before
   * the change do not, and the inbox asks them.
   */
  public static boolean publishesWaitingStep() {
    return Workflow.getVersion(WAITING_STEP_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
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
