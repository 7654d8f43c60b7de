package io.keyward.activities.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditHashChainTest {
  private final AuditHashChain chain = new AuditHashChain();

  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void writesTheCanonicalFormAndHashesItWithThePreviousHash() throws Exception {
    AuditEvent event =
        new AuditEvent(
            "keygen/kv/app/run/1",
            "keygen/kv/app",
            "REQUESTED",
            "alice",
            Instant.parse("2026-11-28T10:15:30.120Z"),
            Map.of("zeta", "last", "alpha", "first", "quote", "say \"hi\""));

    AuditRecord record = chain.seal(1, event, AuditHashChain.GENESIS_HASH);

    String body =
        "{\"sequence\":1,\"eventId\":\"keygen/kv/app/run/1\",\"subject\":\"keygen/kv/app\","
            + "\"type\":\"REQUESTED\",\"actor\":\"alice\",\"at\":\"2026-11-28T10:15:30.120Z\","
            + "\"details\":{\"alpha\":\"first\",\"quote\":\"say \\\"hi\\\"\",\"zeta\":\"last\"},"
            + "\"previousHash\":\""
            + "0".repeat(64)
            + "\"";
    assertThat(record.hash()).isEqualTo(sha256Hex("0".repeat(64) + "\n" + body + "}"));
    assertThat(chain.toJson(record)).isEqualTo(body + ",\"hash\":\"" + record.hash() + "\"}");
  }

  @Test
  void readsBackExactlyWhatItWrote() {
    AuditEvent event =
        new AuditEvent(
            "e-1", "s", "SYSTEM_TICK", null, Instant.parse("2026-11-28T10:15:30.123456789Z"), null);
    AuditRecord record = chain.seal(7, event, "a".repeat(64));

    AuditRecord read = chain.fromJson(chain.toJson(record));

    assertThat(read).isEqualTo(record);
    assertThat(chain.problemWith(null, read))
        .contains("sequence gap: expected record #1 but found #7");
  }

  @Test
  void linksEachRecordToItsPredecessor() {
    AuditRecord first = chain.seal(1, AuditEvents.numbered(1), AuditHashChain.GENESIS_HASH);
    AuditRecord second = chain.seal(2, AuditEvents.numbered(2), first.hash());
    AuditRecord unlinked = chain.seal(2, AuditEvents.numbered(2), "f".repeat(64));

    assertThat(chain.problemWith(null, first)).isEmpty();
    assertThat(chain.problemWith(first, second)).isEmpty();
    assertThat(chain.problemWith(first, unlinked))
        .contains("broken link: previousHash does not match the hash of record #1");
  }

  @Test
  void namesTheMissingFieldOfAnIncompleteLine() {
    assertThatThrownBy(() -> chain.fromJson("{\"sequence\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventId");
    assertThatThrownBy(() -> chain.fromJson(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not");
  }
}
