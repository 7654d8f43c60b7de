package io.keyward.ui.keys;

import io.keyward.api.access.KeyListAccess;
import io.keyward.ui.pages.Area;
import io.keyward.ui.pages.Pages;
import io.keyward.ui.session.SignedIn;
import io.keyward.ui.session.SignedInFilter;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.common.Actor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;

/** {@code /ui/keys}: the keys Keyward manages, as far as the person's roles let them see. */
@Path("/ui/keys")
@SignedIn
public final class KeyPages {
  private final KeyRegister register;
  private final Pages pages;
  private final Clock clock;

  public KeyPages(KeyRegister register, Pages pages, Clock clock) {
    this.register = register;
    this.pages = pages;
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response keys(@Context ContainerRequestContext request) {
    UiSession me = SignedInFilter.sessionOf(request);
    Actor actor = me.actor();
    KeyRegister.Keys keys;
    try {
      keys = register.keys();
    } catch (RuntimeException failure) {
      return pages.failure(me, failure);
    }
    Instant now = clock.instant();
    return pages.page(
        "keys",
        new KeyListPage(
            pages.layout(me, "Keys", Area.KEYS),
            keys.keys().stream()
                .filter(key -> KeyListAccess.maySeeKeyOf(actor, key.owner()))
                .map(key -> KeyListPage.row(key, now))
                .toList(),
            KeyListAccess.seesAll(actor),
            keys.listing().note(),
            keys.unreadable()));
  }
}
