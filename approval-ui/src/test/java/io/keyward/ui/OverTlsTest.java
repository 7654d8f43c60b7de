package io.keyward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.keyward.api.RunningKeyward;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web pages served over TLS: the application's connector speaks HTTPS with a certificate made
 * for the test, and the cookies the pages set carry {@code Secure}, so a browser never sends the
 * session over plain HTTP.
 */
class OverTlsTest {
  private static final String PASSWORD = "keyward-test-keystore";

  @TempDir static Path data;

  private static RunningKeyward keyward;
  private static HttpClient https;

  @BeforeAll
  static void start() throws Exception {
    Path keystore = data.resolve("tls.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "keyward",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

    keyward =
        RunningKeyward.start(
            data,
            ConfigOverride.config("server.applicationConnectors[0].type", "https"),
            ConfigOverride.config(
                "server.applicationConnectors[0].keyStorePath", keystore.toString()),
            ConfigOverride.config("server.applicationConnectors[0].keyStorePassword", PASSWORD),
            ConfigOverride.config("server.applicationConnectors[0].keyStoreType", "PKCS12"),
            ConfigOverride.config("server.applicationConnectors[0].validateCerts", "false"));
    https =
        HttpClient.newBuilder()
            .sslContext(trusting(keystore))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @AfterAll
  static void stop() {
    if (keyward != null) {
      keyward.close();
    }
  }

  @Test
  void marksItsCookiesSecureWhenServedOverTls() throws Exception {
    HttpResponse<String> form = send(HttpRequest.newBuilder(page("/ui/sign-in")).GET());
    Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(form.body());
    assertThat(token.find()).isTrue();
    String signInCookie = cookie(form.headers().allValues("Set-Cookie"), "keyward_sign_in");

    HttpResponse<String> signedIn =
        send(
            HttpRequest.newBuilder(page("/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "keyward_sign_in=" + signInCookie)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "token="
                            + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
                            + "&username=olivia&password=olivia-demo-password")));

    assertThat(signedIn.statusCode()).isEqualTo(303);
    String session =
        signedIn.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("keyward_session="))
            .findFirst()
            .orElseThrow();
    assertThat(session).contains("Secure", "HttpOnly", "SameSite=Lax");
    assertThat(form.headers().allValues("Set-Cookie")).allMatch(c -> c.contains("Secure"));
  }

  private static URI page(String path) {
    return URI.create("https://localhost:" + keyward.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(List<String> setCookies, String name) {
    return setCookies.stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
        .findFirst()
        .orElseThrow();
  }

  /** Trusts exactly the test's own certificate. */
  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("keyward", (X509Certificate) store.getCertificate("keyward"));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
