package io.keyward.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An approver's browser on the web pages: signs in through the form (its anti-forgery token and
 * cookie) and opens the inbox, {@code GET /ui/inbox}, timed until the whole page is read.
 */
final class InboxProbe {
  private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");
  private static final Pattern ROW = Pattern.compile("<tr data-key=");
  private static final Pattern NEXT = Pattern.compile("id=\"inbox-next\" href=\"/([^\"]+)\"");

  private final HttpClient browser =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;

  InboxProbe(URI base) {
    this.base = base;
  }

  /** Signs in as the demo user {@code user}; the session cookie is kept for the next requests. */
  void signIn(String user) throws IOException, InterruptedException {
    HttpResponse<String> form =
        browser.send(get("ui/sign-in"), HttpResponse.BodyHandlers.ofString());
    Matcher token = TOKEN.matcher(form.body());
    if (form.statusCode() != 200 || !token.find()) {
      throw new IllegalStateException("the sign-in form answered " + form.statusCode());
    }
    String body =
        Map.of(
                "token",
                token.group(1),
                "username",
                user,
                "password",
                user + "-demo-password",
                "next",
                "/ui/inbox")
            .entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<Void> signedIn =
        browser.send(
            HttpRequest.newBuilder(base.resolve("ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (signedIn.statusCode() != 303) {
      throw new IllegalStateException(
          "signing in as " + user + " answered " + signedIn.statusCode());
    }
  }

  /** One inbox page as read: its rows and the path of its "next page" link (null on the last). */
  record Page(int rows, String next) {}

  /** Opens the inbox page at {@code path}, e.g. {@code ui/inbox}. */
  Page inbox(String path) throws IOException, InterruptedException {
    HttpResponse<String> page = browser.send(get(path), HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() != 200) {
      throw new IllegalStateException("the inbox answered " + page.statusCode());
    }
    int rows = 0;
    Matcher row = ROW.matcher(page.body());
    while (row.find()) {
      rows++;
    }
    Matcher next = NEXT.matcher(page.body());
    return new Page(
        rows, next.find() ? next.group(1).replace("&#61;", "=").replace("&amp;", "&") : null);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(2))
        .header("Accept", "text/html")
        .GET()
        .build();
  }
}
