package io.keyward.api.compromise;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.api.incident.FreeText;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.compromise.FollowUpKind;
import io.keyward.workflows.compromise.TaskCompletion;
import java.util.Arrays;

/** Completes a long-term task; which one is in the path, the summary of its result here. */
@JsonIgnoreProperties({"actor"})
public record TaskCompletionBody(String summary) {
  TaskCompletion toCompletion(Actor actor, String task) {
    FollowUpKind kind;
    try {
      kind = FollowUpKind.valueOf(task);
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException(
          "no task '" + task + "'; tasks are " + Arrays.toString(FollowUpKind.values()));
    }
    return new TaskCompletion(
        actor, kind, FreeText.required("summary", summary, TaskCompletion.MAX_SUMMARY));
  }
}
