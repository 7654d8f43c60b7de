package io.keyward.ui.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;

/** The style sheet and the script of the pages, read once at start; nothing else is served. */
@Path("/ui/assets/{name}")
public final class UiAssets {
  private static final Map<String, MediaType> TYPES =
      Map.of(
          "keyward.css", new MediaType("text", "css", "UTF-8"),
          "keyward.js", new MediaType("text", "javascript", "UTF-8"));

  private final Map<String, byte[]> assets =
      TYPES.keySet().stream().collect(Collectors.toMap(name -> name, UiAssets::load));

  @GET
  public Response asset(@PathParam("name") String name) {
    byte[] body = assets.get(name);
    if (body == null) {
      throw new NotFoundException("no asset " + name);
    }
    CacheControl cache = new CacheControl();
    cache.setMaxAge(300);
    return Response.ok(body, TYPES.get(name)).cacheControl(cache).build();
  }

  private static byte[] load(String name) {
    try (InputStream in = UiAssets.class.getResourceAsStream("/io/keyward/ui/assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("asset " + name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
