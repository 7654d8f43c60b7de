package io.keyward.dev;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web pages' sign-in as a browser does it, over plain HTTP and following no redirect, so that a
 * test can carry the session cookie from one replica to another by hand.
 */
final class WebBrowser {
  private static final Pattern SIGN_IN_TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");
  private static final Pattern COOKIE = Pattern.compile("^([^=;]+)=([^;]*)");

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  record Page(int status, String body, String contentType) {}

  /**
   * Signs in at {@code base} through the form as a demo user; answers the session cookie's value.
   */
  String signIn(URI base, String user) throws IOException, InterruptedException {
    HttpResponse<String> form =
        http.send(
            HttpRequest.newBuilder(base.resolve("/ui/sign-in")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher token = SIGN_IN_TOKEN.matcher(form.body());
    if (!token.find()) {
      throw new AssertionError("the sign-in form has no token: " + form.body());
    }
    String signInCookie = cookie(form, "keyward_sign_in");
    String fields =
        "token="
            + encode(token.group(1))
            + "&username="
            + encode(user)
            + "&password="
            + encode(user + "-demo-password")
            + "&next=";
    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(base.resolve("/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "keyward_sign_in=" + signInCookie)
                .POST(HttpRequest.BodyPublishers.ofString(fields))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (signedIn.statusCode() != 303) {
      throw new AssertionError(
          "sign-in as " + user + " answered " + signedIn.statusCode() + ": " + signedIn.body());
    }
    return cookie(signedIn, "keyward_session");
  }

  /** GETs {@code path} at {@code base} as a browser holding {@code session} (null: none). */
  Page get(URI base, String path, String session) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html").GET();
    if (session != null) {
      request.header("Cookie", "keyward_session=" + session);
    }
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Page(
        answer.statusCode(), answer.body(), answer.headers().firstValue("Content-Type").orElse(""));
  }

  private static String cookie(HttpResponse<?> response, String name) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      Matcher cookie = COOKIE.matcher(header);
      if (cookie.find() && cookie.group(1).equals(name) && !cookie.group(2).isEmpty()) {
        return cookie.group(2);
      }
    }
    throw new AssertionError("no " + name + " cookie in " + response.headers().map());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
