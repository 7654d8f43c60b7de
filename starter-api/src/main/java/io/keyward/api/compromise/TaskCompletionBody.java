package io.keyward.api.compromise;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.common.Actor;
import io.keyward.workflows.compromise.FollowUpKind;
import io.keyward.workflows.compromise.TaskCompletion;

/** Completes a long-term task; which one is in the path, the summary of its result here. */
@JsonIgnoreProperties({"actor"})
public record TaskCompletionBody(String summary) {
  TaskCompletion toCompletion(Actor actor, String task) {
    return new TaskCompletion(actor, FollowUpKind.named(task), summary);
  }
}
