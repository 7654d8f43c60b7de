package io.keyward.ui.pages;

import io.keyward.api.errors.ApiException;
import io.keyward.api.errors.HiddenException;
import io.keyward.api.errors.NotFoundException;
import io.keyward.ui.session.Notice;
import io.keyward.ui.session.UiSession;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every form of the pages does after its POST: send the step to the API's service, keep a
 * notice of what happened (the step, or the refusal in the service's and the workflow's own words)
 * and go back to the page, so a reload never sends the form twice.
 */
public final class AfterPost {
  private AfterPost() {}

  /**
   * Takes the step, which answers what it did in words for the notice, and goes {@code back}. A
   * request the person may not see, or that does not exist, is answered by {@code hidden} (the
   * error page) instead, since there is no page of it to go back to.
   */
  public static Response run(
      UiSession who, String back, Supplier<String> step, Function<ApiException, Response> hidden) {
    try {
      who.notice(Notice.done(step.get()));
    } catch (HiddenException | NotFoundException missing) {
      return hidden.apply(missing);
    } catch (ApiException | IllegalArgumentException refusal) {
      who.notice(Notice.refused(refusal.getMessage()));
    }
    return Response.seeOther(URI.create(back)).build();
  }
}
