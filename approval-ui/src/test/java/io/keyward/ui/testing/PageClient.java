package io.keyward.ui.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser, for what a real one hides: it keeps cookies by hand, follows no
 * redirect, and shows every header, so tests can look at cookie attributes and send requests that a
 * page never would (a POST without the CSRF token, a forged sign-in).
 */
public final class PageClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern SIGN_IN_TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public PageClient(URI base) {
    this.base = base;
  }

  /** An answer: status, body, headers. */
  public record Page(int status, String body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public List<String> setCookies() {
      return raw.headers().allValues("Set-Cookie");
    }

    /** The CSRF token the page writes into its forms. */
    public String csrfToken() {
      Matcher matcher = CSRF.matcher(body);
      if (!matcher.find()) {
        throw new AssertionError("the page has no CSRF token: " + body);
      }
      return matcher.group(1);
    }
  }

  public Page get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html").GET());
  }

  public Page getJson(String path) {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json").GET());
  }

  /** POSTs an HTML form; the fields go exactly as given, in order. */
  public Page post(String path, Map<String, String> fields) {
    return post(path, List.copyOf(fields.entrySet()));
  }

  /** POSTs an HTML form whose fields may repeat, as a group of check boxes sends them. */
  public Page post(String path, List<Map.Entry<String, String>> fields) {
    String form =
        fields.stream()
            .map(
                field ->
                    URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** Signs in through the form as a demo user; returns the answer to the form's POST. */
  public Page signIn(String user) {
    return signIn(user, user + "-demo-password");
  }

  public Page signIn(String user, String password) {
    Page form = get("/ui/sign-in");
    Matcher token = SIGN_IN_TOKEN.matcher(form.body());
    if (!token.find()) {
      throw new AssertionError("the sign-in form has no token: " + form.body());
    }
    return post(
        "/ui/sign-in",
        Map.of("token", token.group(1), "username", user, "password", password, "next", ""));
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  public void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  private Page send(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(c -> c.getKey() + "=" + c.getValue())
              .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String set : response.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        boolean expired = set.toLowerCase().contains("max-age=0") || value.isEmpty();
        if (expired) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return new Page(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
