package io.keyward.ui.pages;

import io.keyward.api.errors.ApiException;
import io.keyward.api.errors.HiddenException;
import io.keyward.ui.session.UiSession;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the page of one request (a key generation, a rotation, a key's lifecycle, a break-glass
 * session, a compromise response) does around its own content: read the request's id from the path,
 * read the state the signed-in person may see, then show the page, answer the page's poll or take
 * the step of a form. The JAX-RS methods stay in each request's page class; this keeps their bodies
 * to what differs, so every request page fails, polls and redirects the same way.
 *
 * <p>The visible-state function is the guard of a request's page and its poll: it must throw an
 * {@link ApiException} (a {@link HiddenException}) when the person may not see the request. One
 * that returns the state to anyone shows the request to everyone signed in. Steps are guarded by
 * the service they go to, with the same rule.
 *
 * @param <I> the id of a request as its path names it ({@code KeyRef}, {@code IncidentId})
 * @param <S> the state of the request as its workflow's query answers it
 */
public final class RequestPage<I, S> {
  private final Pages pages;
  private final BiFunction<UiSession, I, S> visibleState;
  private final Function<S, String> revision;
  private final Function<S, String> phase;
  private final Function<I, String> pathOf;

  /**
   * @param visibleState the state of a request that the person may see; throws otherwise
   * @param revision what changes whenever the page would show something new
   * @param phase the name of the request's phase
   * @param pathOf the path of a request's page, where each step goes back to
   */
  public RequestPage(
      Pages pages,
      BiFunction<UiSession, I, S> visibleState,
      Function<S, String> revision,
      Function<S, String> phase,
      Function<I, String> pathOf) {
    this.pages = Objects.requireNonNull(pages, "pages");
    this.visibleState = Objects.requireNonNull(visibleState, "visibleState");
    this.revision = Objects.requireNonNull(revision, "revision");
    this.phase = Objects.requireNonNull(phase, "phase");
    this.pathOf = Objects.requireNonNull(pathOf, "pathOf");
  }

  /**
   * The page of the request: {@code template} rendered with the model {@code view} builds from the
   * id and the visible state. Any failure (a bad id, a refusal, Temporal out of reach, a broken
   * view) becomes the error page of {@link Pages#failure}.
   */
  public Response page(
      UiSession me, Supplier<I> id, String template, BiFunction<I, S, Object> view) {
    try {
      I request = id.get();
      S state = visibleState.apply(me, request);
      return pages.page(template, view.apply(request, state));
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
  }

  /**
   * What the page polls to notice that someone else moved the request: {@code {"revision",
   * "phase"}}. A refusal (the person may not see it, it does not exist) answers its own status with
   * {@code {"code", "message"}}; a bad id and any other failure go to the application's exception
   * mapper, as for the API.
   */
  public Response status(UiSession me, Supplier<I> id) {
    try {
      S state = visibleState.apply(me, id.get());
      return Response.ok(Map.of("revision", revision.apply(state), "phase", phase.apply(state)))
          .build();
    } catch (ApiException refusal) {
      return Response.status(refusal.status())
          .entity(Map.of("code", refusal.status(), "message", refusal.getMessage()))
          .build();
    }
  }

  /**
   * Takes a step of a form on the request. A bad id gets the error page and nothing is sent;
   * otherwise {@code action} sends the step to the service, which answers who may not see the
   * request ({@link HiddenException}) or that there is none as it answers their reading it: that is
   * the error page. Anything else the step did or was refused is kept as the notice, by {@link
   * AfterPost}, on the way back to the request's page. No query runs before the step: the service
   * asks who may see only after a refusal, and the page it goes back to reads the state once.
   */
  public Response step(UiSession me, Supplier<I> id, Function<I, String> action) {
    I request;
    try {
      request = id.get();
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
    return AfterPost.run(
        me,
        pathOf.apply(request),
        () -> action.apply(request),
        refusal -> pages.failure(me, refusal));
  }
}
