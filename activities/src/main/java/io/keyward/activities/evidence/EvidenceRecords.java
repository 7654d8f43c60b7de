package io.keyward.activities.evidence;

/** How an evidence bundle is filed in the audit trail. */
public final class EvidenceRecords {
  /** The audit event type of a sealed evidence bundle. */
  public static final String TYPE = "FORENSIC_EVIDENCE_SEALED";

  /** Detail holding the bundle's canonical JSON. */
  public static final String BUNDLE = "bundle";

  /** Detail holding the bundle's SHA-256 seal. */
  public static final String SHA256 = "sha256";

  static final String VERSIONS = "versionsCaptured";
  static final String AUDIT_RECORDS = "auditRecordsCaptured";

  private EvidenceRecords() {}
}
