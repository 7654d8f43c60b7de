package io.keyward.ui.inbox;

import io.keyward.ui.pages.Area;
import io.keyward.ui.pages.Pages;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;

/** {@code /ui/inbox}: what waits on the signed-in person. */
@Path("/ui/inbox")
@SignedIn
public final class InboxPages {
  private final Inbox inbox;
  private final Pages pages;
  private final Clock clock;

  public InboxPages(Inbox inbox, Pages pages, Clock clock) {
    this.inbox = inbox;
    this.pages = pages;
    this.clock = clock;
  }

  /** What the open inbox polls, every ten seconds. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response status(@Context ContainerRequestContext request) {
    UiSession me = SignedInFilter.sessionOf(request);
    InboxPage page = InboxPage.of(pages.anonymous("Inbox"), inbox.of(me.actor()), clock.instant());
    return Response.ok(Map.of("revision", page.revision())).build();
  }

  /**
   * One page of the inbox: {@code size} rows at most (default {@value InboxPaging#DEFAULT_SIZE}),
   * {@code page} the link of the page before's "next page".
   */
  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response inbox(
      @Context ContainerRequestContext request,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    UiSession me = SignedInFilter.sessionOf(request);
    Inbox.Contents contents;
    try {
      contents = inbox.of(me.actor(), InboxPaging.of(size(size), page));
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
    return pages.page(
        "inbox", InboxPage.of(pages.layout(me, "Inbox", Area.INBOX), contents, clock.instant()));
  }

  private static Integer size(String size) {
    if (size == null || size.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(size);
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("size must be a number of rows, was '" + size + "'");
    }
  }
}
