package io.keyward.activities.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.activities.stores.EmbeddedAuditStore;
import io.keyward.workflows.audit.AuditEvent;
import io.keyward.workflows.audit.AuditRecord;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.incident.EvidenceReceipt;
import io.keyward.workflows.incident.EvidenceRequest;
import io.keyward.workflows.incident.EvidenceVerification;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.policy.KeyOperation;
import io.keyward.workflows.policy.KeyType;
import io.keyward.workflows.policy.ProtectionLevel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbook 11.1 step 4: evidence sealed into the real audit trail, and verified again. */
class EvidenceActivitiesImplTest {
  private static final KeyRef KEY = new KeyRef("kv-payments", "card-encryption");
  private static final String INCIDENT_SUBJECT = "compromise/INC42";
  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

  @TempDir Path dir;
  private EmbeddedAuditStore audit;
  private EvidenceActivitiesImpl evidence;
  private EvidenceBundleVerifier verifier;

  @BeforeEach
  void openTrail() {
    audit = EmbeddedAuditStore.open(dir);
    evidence = new EvidenceActivitiesImpl(audit);
    verifier = new EvidenceBundleVerifier(audit);
    append("keygen/kv-payments/card-encryption", "g1", "KEY_GENERATED");
    append("keygen/kv-payments/card-encryption", "g2", "KEY_REGISTERED");
    append("keygen/kv-other/other-key", "o1", "KEY_GENERATED");
    append(INCIDENT_SUBJECT, "i1", "KEY_DISABLED");
  }

  @AfterEach
  void closeTrail() {
    audit.close();
  }

  @Test
  void sealsVersionsAndTheKeysAuditExcerptIntoAnEvidenceRecordThatVerifies() throws Exception {
    EvidenceReceipt receipt = evidence.seal(request("compromise/INC42/run/evidence"));

    assertThat(receipt.sha256()).matches("[0-9a-f]{64}");
    assertThat(receipt.versionsCaptured()).isEqualTo(2);
    assertThat(receipt.auditRecordsCaptured()).isEqualTo(3);
    AuditRecord stored = audit.recordsFor(INCIDENT_SUBJECT).get(1);
    assertThat(stored.event().type()).isEqualTo("FORENSIC_EVIDENCE_SEALED");
    assertThat(stored.sequence()).isEqualTo(receipt.auditSequence());
    assertThat(stored.hash()).isEqualTo(receipt.auditHash());
    JsonNode bundle = new ObjectMapper().readTree(stored.event().details().get("bundle"));
    assertThat(bundle.get("key").asText()).isEqualTo("kv-payments/card-encryption");
    assertThat(bundle.get("versions")).hasSize(2);
    assertThat(bundle.at("/versions/1/publicKeyFingerprint").asText()).isEqualTo("fp-2");
    assertThat(bundle.at("/versions/1/operations").toString())
        .isEqualTo("[\"DECRYPT\",\"ENCRYPT\"]");
    assertThat(bundle.get("auditRecords"))
        .extracting(r -> r.get("eventId").asText())
        .containsExactly("g1", "g2", "i1");

    List<EvidenceVerification> verified = verifier.verifyAll(INCIDENT_SUBJECT);
    assertThat(verified)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.intact()).isTrue();
              assertThat(v.recomputedSha256()).isEqualTo(receipt.sha256());
              assertThat(v.auditRecordsChecked()).isEqualTo(3);
            });
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void aRetriedSealReturnsTheFirstBundleAndWritesNoSecond() {
    EvidenceReceipt first = evidence.seal(request("compromise/INC42/run/evidence"));
    append(INCIDENT_SUBJECT, "i2", "IMPACT_ASSESSED");

    EvidenceReceipt again = evidence.seal(request("compromise/INC42/run/evidence"));

    assertThat(again).isEqualTo(first);
    assertThat(audit.recordsFor(INCIDENT_SUBJECT))
        .filteredOn(r -> r.event().type().equals("FORENSIC_EVIDENCE_SEALED"))
        .hasSize(1);
  }

  @Test
  void detectsABundleChangedAfterSealing() {
    evidence.seal(request("compromise/INC42/run/evidence"));
    AuditRecord stored = audit.recordsFor(INCIDENT_SUBJECT).get(1);
    Map<String, String> details = new HashMap<>(stored.event().details());
    details.put("bundle", details.get("bundle").replace("\"enabled\":false", "\"enabled\":true"));
    AuditRecord altered = withDetails(stored, details);

    EvidenceVerification verification = verifier.verify(altered);

    assertThat(verification.intact()).isFalse();
    assertThat(verification.problems())
        .singleElement()
        .asString()
        .startsWith("the bundle's SHA-256 is ")
        .contains("its seal says " + stored.event().details().get("sha256"));
  }

  @Test
  void detectsAnExcerptThatNoLongerMatchesTheTrail() {
    evidence.seal(request("compromise/INC42/run/evidence"));
    AuditRecord stored = audit.recordsFor(INCIDENT_SUBJECT).get(1);
    String forged =
        stored
            .event()
            .details()
            .get("bundle")
            .replace(
                audit.recordsFor("keygen/kv-payments/card-encryption").get(0).hash(),
                "0".repeat(64));
    Map<String, String> details = new HashMap<>(stored.event().details());
    details.put("bundle", forged);
    details.put("sha256", EvidenceSeal.sha256(forged));

    EvidenceVerification verification = verifier.verify(withDetails(stored, details));

    assertThat(verification.problems())
        .containsExactly(
            "audit record #1 of keygen/kv-payments/card-encryption differs from the trail");
  }

  private EvidenceRequest request(String evidenceId) {
    return new EvidenceRequest(
        evidenceId,
        INCIDENT_SUBJECT,
        new IncidentId("INC42"),
        KEY,
        List.of(version("v1", "fp-1"), version("v2", "fp-2")),
        List.of(
            "keygen/kv-payments/card-encryption",
            "rotation/kv-payments/card-encryption",
            INCIDENT_SUBJECT),
        T.plusSeconds(60));
  }

  private static KeyVersionInfo version(String id, String fingerprint) {
    return new KeyVersionInfo(
        KEY,
        id,
        KeyType.RSA,
        3072,
        null,
        Set.of(KeyOperation.ENCRYPT, KeyOperation.DECRYPT),
        false,
        T,
        T,
        T.plusSeconds(86400),
        Map.of("Classification", "SECRET"),
        "software",
        ProtectionLevel.STANDARD_KEY_VAULT,
        fingerprint);
  }

  private void append(String subject, String id, String type) {
    audit.append(new AuditEvent(id, subject, type, "keyward", T, Map.of("key", KEY.toString())));
  }

  private static AuditRecord withDetails(AuditRecord record, Map<String, String> details) {
    AuditEvent e = record.event();
    return new AuditRecord(
        record.sequence(),
        new AuditEvent(e.eventId(), e.subject(), e.type(), e.actor(), e.at(), details),
        record.previousHash(),
        record.hash());
  }
}
