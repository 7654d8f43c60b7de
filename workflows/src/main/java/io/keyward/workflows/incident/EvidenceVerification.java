package io.keyward.workflows.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of checking one sealed evidence bundle.
 *
 * @param sealedSha256 the seal stored with the bundle
 * @param recomputedSha256 the SHA-256 of the bundle text as it is now
 * @param problems what does not match, in words; empty when the bundle is intact
 */
public record EvidenceVerification(
    String evidenceId,
    long auditSequence,
    String sealedSha256,
    String recomputedSha256,
    int auditRecordsChecked,
    List<String> problems) {
  public EvidenceVerification {
    problems = List.copyOf(problems);
  }

  @JsonProperty("intact")
  public boolean intact() {
    return problems.isEmpty();
  }
}
