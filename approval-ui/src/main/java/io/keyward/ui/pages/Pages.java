package io.keyward.ui.pages;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.keyward.api.errors.ApiException;
import io.keyward.ui.session.UiSession;
import io.keyward.workflows.common.Role;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the pages from the Mustache templates under {@code io/keyward/ui/templates}. Templates
 * use only {@code {{ }}}, which HTML-escapes every value, so text that people typed (a
 * justification, a reason) is shown as text and never runs as markup or script; a triple mustache
 * would defeat that and is not used. All templates compile when the application starts, so a broken
 * template stops the start instead of failing a page later.
 */
public final class Pages {
  public static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

  /** Every template; each includes the {@code header} and {@code footer} partials. */
  static final List<String> TEMPLATES =
      List.of(
          "sign-in",
          "error",
          "inbox",
          "generation",
          "keys",
          "break-glass",
          "break-glass-session",
          "incidents",
          "incident",
          "rotation",
          "lifecycle",
          "generation-form",
          "rotation-form",
          "break-glass-form",
          "compromise-form",
          "security-keys",
          "classification");

  private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

  private final MustacheFactory factory = new DefaultMustacheFactory("io/keyward/ui/templates");
  private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

  public Pages() {
    for (String template : TEMPLATES) {
      compiled.put(template, factory.compile(template + ".mustache"));
    }
  }

  /** The page as HTML text. */
  public String render(String template, Object model) {
    Mustache mustache = compiled.get(template);
    if (mustache == null) {
      throw new IllegalArgumentException("no page template named " + template);
    }
    StringWriter html = new StringWriter();
    mustache.execute(html, model);
    return html.toString();
  }

  /** A 200 response with the page. */
  public Response page(String template, Object model) {
    return Response.ok(render(template, model), HTML).build();
  }

  /** An error page with the navigation of the signed-in person (none when {@code who} is null). */
  public Response error(UiSession who, Response.Status status, String heading, String message) {
    Layout layout = who == null ? anonymous(heading) : layout(who, heading, null);
    return Response.status(status)
        .type(HTML)
        .entity(render("error", new ErrorPage(layout, status.getStatusCode(), heading, message)))
        .build();
  }

  /**
   * The error page for a failure of a page's request: a refusal of the API's services with its own
   * status and words, a bad value as 400, Temporal out of reach as 503; anything else as 500 whose
   * page names only an error id, with the details in the log under that id.
   */
  public Response failure(UiSession who, RuntimeException failure) {
    if (failure instanceof ApiException refusal) {
      Response.Status status = Response.Status.fromStatusCode(refusal.status());
      String heading = status == null ? "Refused" : status.getReasonPhrase();
      return error(
          who, status == null ? Response.Status.CONFLICT : status, heading, refusal.getMessage());
    }
    if (failure instanceof IllegalArgumentException invalid) {
      return error(who, Response.Status.BAD_REQUEST, "Bad request", invalid.getMessage());
    }
    if (temporalUnreachable(failure)) {
      LOG.warn("Temporal unreachable: {}", failure.toString());
      return error(
          who,
          Response.Status.SERVICE_UNAVAILABLE,
          "Temporal does not answer",
          "The ceremony engine (Temporal) does not answer; nothing was changed. Try again in a"
              + " moment.");
    }
    String errorId = UUID.randomUUID().toString();
    LOG.error("page request failed, error id {}", errorId, failure);
    return error(
        who,
        Response.Status.INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "Keyward could not show this page (error id " + errorId + ").");
  }

  private static boolean temporalUnreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc) {
        Status.Code code = grpc.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
      }
    }
    return false;
  }

  /** The frame of a page for {@code who}; {@code current} marks the section in the navigation. */
  public Layout layout(UiSession who, String title, Area current) {
    return layout(who, title, current, null);
  }

  /** The frame of a form's page, titled by the form; its section and link are marked current. */
  public Layout formLayout(UiSession who, CeremonyStart form) {
    return layout(who, form.label(), form.area(), form);
  }

  private Layout layout(UiSession who, String title, Area current, CeremonyStart form) {
    List<NavLink> nav =
        java.util.Arrays.stream(Area.values())
            .filter(area -> area.openTo(who.user().roles()))
            .map(area -> new NavLink(area.label(), area.path(), area == current))
            .toList();
    List<NavLink> start =
        java.util.Arrays.stream(CeremonyStart.values())
            .map(each -> new NavLink(each.label(), each.path(), each == form))
            .toList();
    String roles =
        who.user().roles().stream().map(Role::name).sorted().collect(Collectors.joining(", "));
    return new Layout(
        title,
        true,
        who.user().id(),
        who.user().displayName(),
        roles,
        who.csrfToken(),
        nav,
        start,
        who.takeNotice());
  }

  /** The frame of a page for someone not signed in. */
  public Layout anonymous(String title) {
    return new Layout(title, false, null, null, null, null, List.of(), List.of(), null);
  }
}
