package io.keyward.api.breakglass;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.keyward.workflows.breakglass.Review;
import io.keyward.workflows.common.Actor;

/** The post-incident review's findings; the reviewer is the authenticated person. */
@JsonIgnoreProperties({"actor", "reviewer"})
public record ReviewBody(String findings) {
  Review toReview(Actor actor) {
    return new Review(actor, findings);
  }
}
