package io.keyward.ui.pages;

import io.keyward.api.errors.ApiException;
import io.keyward.ui.session.Notice;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.policy.PolicyViolationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.function.Supplier;

/**
 * What every form that starts a ceremony does: show the form; on its POST hand the request to the
 * API's own service; when the service starts the ceremony, go (303) to the ceremony's page with a
 * notice; when it refuses, show the form again with what the person typed and the service's words,
 * with the status the API would answer (400 for a bad value, 422 for a policy violation, 403 or 409
 * for a refusal), so nothing is started and nothing typed is lost.
 */
public final class StartForms {
  /** The policy's refusal, in the words the API uses for its 422. */
  static final String BREAKS_POLICY = "the request breaks policy: ";

  private final Pages pages;

  public StartForms(Pages pages) {
    this.pages = pages;
  }

  /** Builds a form's page from its frame and, after a refusal, the refusal's words (else null). */
  @FunctionalInterface
  public interface View {
    Object of(Layout layout, String problem);
  }

  /** Where a started ceremony is shown, and the notice that says what was started. */
  public record Started(String path, String notice) {}

  /** The form as {@code view} fills it, without a problem. */
  public Response show(UiSession me, CeremonyStart form, View view) {
    try {
      return pages.page(form.template(), view.of(pages.formLayout(me, form), null));
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
  }

  /**
   * Runs {@code start}, which calls the service and says where the ceremony is; a refusal shows the
   * form again through {@code view}. Anything else (Temporal out of reach, a bug) is the error page
   * of {@link Pages#failure}.
   */
  public Response submit(UiSession me, CeremonyStart form, Supplier<Started> start, View view) {
    Started started;
    try {
      started = start.get();
    } catch (ApiException | PolicyViolationException | IllegalArgumentException refusal) {
      return refused(me, form, view, refusal);
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
    me.notice(Notice.done(started.notice()));
    return Response.seeOther(URI.create(started.path())).build();
  }

  private Response refused(UiSession me, CeremonyStart form, View view, RuntimeException refusal) {
    try {
      String page =
          pages.render(form.template(), view.of(pages.formLayout(me, form), messageOf(refusal)));
      return Response.status(statusOf(refusal)).type(Pages.HTML).entity(page).build();
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
  }

  static int statusOf(RuntimeException refusal) {
    if (refusal instanceof ApiException api) {
      return api.status();
    }
    return refusal instanceof PolicyViolationException ? 422 : 400;
  }

  static String messageOf(RuntimeException refusal) {
    return refusal instanceof PolicyViolationException
        ? BREAKS_POLICY + refusal.getMessage()
        : refusal.getMessage();
  }
}
