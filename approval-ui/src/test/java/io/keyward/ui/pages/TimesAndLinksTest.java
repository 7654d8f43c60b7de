package io.keyward.ui.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimesAndLinksTest {
  private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

  @Test
  void writesTimesInUtcAndHowFarFromNow() {
    assertThat(Times.format(NOW)).isEqualTo("2026-11-28 09:00 UTC");
    assertThat(Times.relative(NOW.plus(Duration.ofHours(71).plusMinutes(59)), NOW))
        .isEqualTo("in 2 d 23 h");
    assertThat(Times.relative(NOW.minus(Duration.ofMinutes(5)), NOW)).isEqualTo("5 min ago");
    assertThat(Times.relative(NOW.plusSeconds(20), NOW)).isEqualTo("now");
    assertThat(Times.format(null)).isEmpty();
  }

  @Test
  void writesMeasuredDurationsToTheUnitThatReadsBest() {
    assertThat(Times.duration(Duration.ofMillis(256))).isEqualTo("256 ms");
    assertThat(Times.duration(Duration.ofMillis(12_400))).isEqualTo("12.4 s");
    assertThat(Times.duration(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
    assertThat(Times.duration(null)).isEmpty();
  }

  @Test
  void writesPolicyPeriodsInWords() {
    assertThat(Times.period(java.time.Period.ofYears(1))).isEqualTo("1 year");
    assertThat(Times.period(java.time.Period.ofMonths(13))).isEqualTo("13 months");
    assertThat(Times.period(java.time.Period.ofDays(90))).isEqualTo("90 days");
  }

  @Test
  void linksAWorkflowToItsRunInTemporalWebWithItsIdEncoded() {
    TemporalWebLinks links =
        new TemporalWebLinks(Optional.of(URI.create("http://localhost:8233/")), "default");

    assertThat(links.workflow("keygen/kv-payments/card-signing"))
        .hasValue(
            "http://localhost:8233/namespaces/default/workflows/keygen%2Fkv-payments%2Fcard-signing");
    assertThat(new TemporalWebLinks(Optional.empty(), "default").workflow("keygen/a/b")).isEmpty();
  }
}
