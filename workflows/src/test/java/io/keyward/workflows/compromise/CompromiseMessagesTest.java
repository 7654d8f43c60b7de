package io.keyward.workflows.compromise;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.incident.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a compromise response says of its impact, severity and follow-ups. */
class CompromiseMessagesTest {
  private static final KeyRef KEY = new KeyRef("payments-kv", "card-key");

  @Test
  void theImpactNoteCountsTheApplicationsOrSaysThereAreNone() {
    assertThat(CompromiseMessages.impactNote(KEY, List.of()))
        .isEqualTo("the dependency map lists no application using " + KEY);
    assertThat(
            CompromiseMessages.impactNote(
                KEY, List.of(new KeyDependent("a", "o", "c"), new KeyDependent("b", "o", "c"))))
        .isEqualTo("2 applications use " + KEY);
    assertThat(CompromiseMessages.impactUnknown("timed out (START_TO_CLOSE)"))
        .isEqualTo(
            "the dependency map could not be read (timed out (START_TO_CLOSE)); find the affected"
                + " applications by hand");
  }

  @Test
  void aRaisedSeveritySaysWhy() {
    assertThat(CompromiseMessages.severityRaised(Severity.P4, Severity.P1, "SECRET"))
        .isEqualTo("P4 -> P1: the key is SECRET");
    assertThat(CompromiseMessages.severityRaised(Severity.P3, Severity.P1, null))
        .isEqualTo("P3 -> P1: the key's classification is unknown, so it counts as ULTRA");
    assertThat(CompromiseMessages.severityRaisedDetails(Severity.P3, Severity.P1, null))
        .containsOnly(
            Map.entry("from", "P3"), Map.entry("to", "P1"), Map.entry("classification", "unknown"));
  }

  @Test
  void anOverdueTaskNamesTaskAndDueDate() {
    Instant due = Instant.parse("2027-02-01T00:00:00Z");
    FollowUpKind kind = FollowUpKind.values()[0];

    assertThat(CompromiseMessages.followUpOverdueDetails(kind, due))
        .containsOnly(Map.entry("task", kind.name()), Map.entry("due", "2027-02-01T00:00:00Z"));
  }
}
