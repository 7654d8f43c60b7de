package io.keyward.ui.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The way in: {@code /} and {@code /ui} lead to the inbox, through sign-in when needed. */
@Path("/")
public final class UiEntrance {
  @GET
  public Response root() {
    return Response.seeOther(URI.create("/ui/inbox")).build();
  }

  @GET
  @Path("ui")
  public Response ui() {
    return root();
  }
}
