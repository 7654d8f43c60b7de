package io.keyward.api.edges;

import io.keyward.api.hostile.HostileForm;
import io.keyward.api.hostile.HostileInput;
import io.keyward.api.hostile.HostileJson;
import io.keyward.api.hostile.RawHttp;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Deliveries to the ServiceNow webhook and clicks to the Slack interactions endpoint: valid ones
 * for the ceremonies the test set up, and hostile ones made from them. The signatures are computed
 * here from the shared secrets, independently of Keyward's own code, so that a request is "signed"
 * exactly when ServiceNow or Slack would have signed it.
 */
final class WebhookCalls {
  static final String SERVICENOW_SECRET = "snow-fuzz-secret-0123456789abcdef0123";
  static final String SLACK_SECRET = "slack-fuzz-signing-secret-9876543210";
  static final String SERVICENOW = "/webhooks/servicenow";
  static final String SLACK = "/webhooks/slack/interactions";

  /** ServiceNow users mapped to directory users in the test's configuration. */
  static final Map<String, String> SERVICENOW_USERS =
      Map.of("abel-tuter", "alice", "sol-secops", "sol");

  /** Slack user ids mapped to directory users in the test's configuration. */
  static final Map<String, String> SLACK_USERS =
      Map.of(
          "U0OLIVIA", "olivia",
          "U0LENA", "lena",
          "U0ALICE", "alice",
          "U0CAROL", "carol",
          "U0KIM", "kim",
          "U0SOL", "sol");

  private WebhookCalls() {}

  /** The four ServiceNow records Keyward starts ceremonies for, delivered once at set-up. */
  static List<String> deliveries() {
    String later = LocalDate.now(ZoneOffset.UTC).plusDays(50).toString();
    return List.of(
        delivery(
            "a0000000000000000000000000000001",
            "change_request",
            "CHG0100001",
            "key_generation",
            "requested_by",
            "abel-tuter",
            ApiCalls.generationBody(ApiCalls.VAULT, "snow-gen")
                .replace(",\"ticket\":\"CHG0001\"", "")),
        delivery(
            "a0000000000000000000000000000002",
            "change_request",
            "CHG0100002",
            "rotation",
            "requested_by",
            "abel-tuter",
            "{\"vault\":\""
                + ApiCalls.VAULT
                + "\",\"name\":\"snow-rot\",\"rotationDate\":\""
                + later
                + "\",\"justification\":\"annual\"}"),
        delivery(
            "a0000000000000000000000000000003",
            "incident",
            "INC0100003",
            "compromise",
            "opened_by",
            "sol-secops",
            "{\"vault\":\""
                + ApiCalls.VAULT
                + "\",\"name\":\"snow-leak\",\"severity\":\"P3\",\"summary\":\"found in a"
                + " repository\"}"),
        delivery(
            "a0000000000000000000000000000004",
            "incident",
            "INC0100004",
            "break_glass",
            "opened_by",
            "sol-secops",
            "{\"vault\":\""
                + ApiCalls.VAULT
                + "\",\"reason\":\"payments down\",\"durationMinutes\":15,\"admin\":\"bruno\"}"));
  }

  private static String delivery(
      String sysId,
      String table,
      String number,
      String type,
      String personField,
      String person,
      String request) {
    return "{\"sys_id\":\""
        + sysId
        + "\",\"table\":\""
        + table
        + "\",\"number\":\""
        + number
        + "\",\"record_type\":\""
        + type
        + "\",\""
        + personField
        + "\":\""
        + person
        + "\",\"request\":"
        + request
        + "}";
  }

  /** A delivery ServiceNow signed now; body hostile, headers right. */
  static Arbitrary<ApiCalls.Call> signedServiceNowDeliveries() {
    Arbitrary<HostileJson.Body> bodies = Arbitraries.of(deliveries()).flatMap(HostileJson::like);
    Arbitrary<HostileJson.Body> sized =
        Arbitraries.of(0, 1, 65_535, 65_536, 65_537, 1_000_000)
            .map(
                n ->
                    new HostileJson.Body(
                        n + " bytes",
                        ("{\"pad\":\"" + "a".repeat(Math.max(0, n - 10)) + "\"}")
                            .substring(0, n)
                            .getBytes(StandardCharsets.UTF_8)));
    // A record seen for the first time is read in full, its request fields included; a known
    // sys_id answers the earlier ceremony before the request is looked at.
    Arbitrary<HostileJson.Body> firstSeen =
        Combinators.combine(
                bodies, Arbitraries.strings().withChars("0123456789abcdef").ofLength(32))
            .as(
                (body, sysId) ->
                    new HostileJson.Body(
                        body.description() + ", as a new record",
                        RawHttp.latin1(body.bytes())
                            .replaceAll("a0{30}[1-4]", sysId)
                            .getBytes(StandardCharsets.ISO_8859_1)));
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(8, bodies), Tuple.of(4, firstSeen), Tuple.of(1, sized)),
            Arbitraries.of(
                "application/json",
                "application/json; charset=utf-8",
                "application/json; charset=utf-16"))
        .as(
            (body, type) -> {
              String now = Long.toString(Instant.now().getEpochSecond());
              return new ApiCalls.Call(
                  "ServiceNow webhook, signed",
                  null,
                  RawHttp.request("POST", SERVICENOW)
                      .header("Content-Type", type)
                      .header("X-Keyward-Timestamp", now)
                      .header(
                          "X-Keyward-Signature",
                          "sha256=" + hmac(SERVICENOW_SECRET, now + ".", body.bytes()))
                      .body(body.bytes())
                      .build());
            });
  }

  /** A valid delivery with a timestamp or signature that ServiceNow did not send. */
  static Arbitrary<ApiCalls.Call> forgedServiceNowDeliveries() {
    return Combinators.combine(
            Arbitraries.of(deliveries()),
            timestamps(),
            signatures("sha256=", (ts, body) -> hmac(SERVICENOW_SECRET, ts + ".", body)),
            Arbitraries.of(
                "application/json", "text/plain", "", "application/x-www-form-urlencoded"))
        .as(
            (delivery, timestamp, signature, type) -> {
              byte[] body = delivery.getBytes(StandardCharsets.UTF_8);
              return new ApiCalls.Call(
                  "ServiceNow webhook, forged",
                  null,
                  RawHttp.request("POST", SERVICENOW)
                      .header("Content-Type", type.isEmpty() ? null : type)
                      .header("X-Keyward-Timestamp", timestamp)
                      .header("X-Keyward-Signature", signature.apply(timestamp, body))
                      .body(body)
                      .build());
            });
  }

  /** The click Slack posts for a button of a Keyward message, as a form with its payload. */
  static List<String> clicks(String responseUrl) {
    return List.of(
        click("U0OLIVIA", "keyward_approve", "keygen/kv-fuzz/gen", responseUrl),
        click("U0LENA", "keyward_deny", "rotation/kv-fuzz/rot", responseUrl),
        click("U0KIM", "keyward_approve", "lifecycle/kv-fuzz/rot", responseUrl),
        click("U0CAROL", "keyward_approve", "breakglass/" + ApiCalls.BREAK_GLASS, responseUrl),
        click("U0SOL", "keyward_acknowledge", "compromise/" + ApiCalls.COMPROMISE, responseUrl),
        click("U0ALICE", "keyward_approve", "keygen/kv-fuzz/gen", responseUrl),
        click(
            "U0LENA",
            "keyward_deny",
            "keygen/kv-fuzz/gen",
            responseUrl + "/../x y/%zz;?q=\\u00e9#f"));
  }

  private static String click(String user, String action, String value, String responseUrl) {
    return "{\"type\":\"block_actions\",\"user\":{\"id\":\""
        + user
        + "\"},\"actions\":[{\"action_id\":\""
        + action
        + "\",\"value\":\""
        + value
        + "\"}],\"response_url\":\""
        + responseUrl
        + "\"}";
  }

  /** A click Slack signed now, whose payload JSON or form encoding is hostile. */
  static Arbitrary<ApiCalls.Call> signedSlackClicks(String responseUrl) {
    Arbitrary<byte[]> hostilePayloads =
        Arbitraries.of(clicks(responseUrl))
            .flatMap(HostileJson::like)
            .map(
                body ->
                    HostileForm.encode(
                        List.of(
                            Map.entry(
                                "payload", new String(body.bytes(), StandardCharsets.UTF_8)))));
    Arbitrary<byte[]> hostileForms =
        Arbitraries.of(clicks(responseUrl))
            .flatMap(
                payload ->
                    HostileForm.like(List.of(Map.entry("payload", payload)), Set.of())
                        .map(HostileForm.Body::bytes));
    Arbitrary<byte[]> sized =
        Arbitraries.of(65_536, 65_537, 500_000)
            .map(n -> ("payload=" + "a".repeat(n)).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
            Tuple.of(6, hostilePayloads), Tuple.of(4, hostileForms), Tuple.of(1, sized))
        .map(
            body -> {
              String now = Long.toString(Instant.now().getEpochSecond());
              return new ApiCalls.Call(
                  "Slack webhook, signed",
                  null,
                  RawHttp.request("POST", SLACK)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .header("X-Slack-Request-Timestamp", now)
                      .header(
                          "X-Slack-Signature", "v0=" + hmac(SLACK_SECRET, "v0:" + now + ":", body))
                      .body(body)
                      .build());
            });
  }

  /** A click with a timestamp or signature that Slack did not send. */
  static Arbitrary<ApiCalls.Call> forgedSlackClicks(String responseUrl) {
    return Combinators.combine(
            Arbitraries.of(clicks(responseUrl)),
            timestamps(),
            signatures("v0=", (ts, body) -> hmac(SLACK_SECRET, "v0:" + ts + ":", body)),
            Arbitraries.of("application/x-www-form-urlencoded", "application/json", ""))
        .as(
            (payload, timestamp, signature, type) -> {
              byte[] body = HostileForm.encode(List.of(Map.entry("payload", payload)));
              return new ApiCalls.Call(
                  "Slack webhook, forged",
                  null,
                  RawHttp.request("POST", SLACK)
                      .header("Content-Type", type.isEmpty() ? null : type)
                      .header("X-Slack-Request-Timestamp", timestamp)
                      .header("X-Slack-Signature", signature.apply(timestamp, body))
                      .body(body)
                      .build());
            });
  }

  /**
   * Timestamps that are not now: missing, stale, in the future, at every numeric limit, not a
   * number, in other digits, padded. A null leaves the header out.
   */
  private static Arbitrary<String> timestamps() {
    long now = Instant.now().getEpochSecond();
    return Arbitraries.frequencyOf(
        Tuple.of(
            6,
            Arbitraries.of(
                "",
                " ",
                "9223372036854775807",
                "-9223372036854775808",
                "9223372036854775808",
                "-9223372036854775809",
                "31556889864403199",
                "-31557014167219200",
                "31556889864403200",
                "0",
                "-0",
                "-1",
                "+" + now,
                " " + now + " ",
                now + ".0",
                "1e10",
                "0x10",
                Long.toString(now - 301),
                Long.toString(now + 301),
                Long.toString(now - 86_400),
                Long.toString(now * 1000),
                "\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660",
                "9".repeat(400))),
        Tuple.of(
            2, HostileInput.texts().filter(t -> t.length() < 2_000).map(RawHttp::utf8OnTheWire)),
        Tuple.of(1, Arbitraries.longs().map(n -> Long.toString(n))));
  }

  /**
   * Signatures that do not sign the request as sent: missing, empty, another secret, another body,
   * another timestamp, wrong scheme, cut, not hex, huge. Each gets (timestamp, body).
   */
  private static Arbitrary<java.util.function.BiFunction<String, byte[], String>> signatures(
      String scheme, java.util.function.BiFunction<String, byte[], String> sign) {
    return Arbitraries.of(
        (ts, body) -> null,
        (ts, body) -> "",
        (ts, body) -> scheme,
        (ts, body) -> scheme + hmac("guessed-secret", ts + ".", body),
        (ts, body) -> scheme + sign.apply(ts, new byte[0]),
        (ts, body) -> scheme + sign.apply("0", body),
        (ts, body) -> "md5=" + sign.apply(ts, body),
        (ts, body) -> sign.apply(ts, body),
        (ts, body) -> scheme + sign.apply(ts, body).substring(0, 63),
        (ts, body) -> scheme + sign.apply(ts, body) + "00",
        (ts, body) -> scheme + "z".repeat(64),
        (ts, body) -> scheme + RawHttp.latin1(HostileInput.bytes(0xC3, 0x28, 0xFF)),
        (ts, body) -> scheme + "0".repeat(7000),
        (ts, body) -> scheme + SERVICENOW_SECRET,
        (ts, body) -> scheme + SLACK_SECRET);
  }

  /** Hex HMAC-SHA256 of {@code prefix} and {@code body}: how ServiceNow's rule and Slack sign. */
  static String hmac(String secret, String prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(prefix.getBytes(StandardCharsets.ISO_8859_1));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
