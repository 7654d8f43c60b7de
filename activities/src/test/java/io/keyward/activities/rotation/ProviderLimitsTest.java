package io.keyward.activities.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderLimitsTest {
  @Test
  void readsALimitPerProviderAndADefault() {
    ProviderLimits limits =
        ProviderLimits.parse(
            "azure-keyvault=concurrency:4,creates:10/10s; software=creates:100/1s,wait:500ms\n"
                + "default=concurrency:2");

    assertThat(limits.forProvider("azure-keyvault"))
        .isEqualTo(new ProviderLimit(4, 10, Duration.ofSeconds(10), Duration.ofSeconds(5)));
    assertThat(limits.forProvider("software"))
        .isEqualTo(new ProviderLimit(8, 100, Duration.ofSeconds(1), Duration.ofMillis(500)));
    assertThat(limits.forProvider("pkcs11"))
        .isEqualTo(new ProviderLimit(2, 10, Duration.ofSeconds(10), Duration.ofSeconds(5)));
  }

  @Test
  void withoutSettingsEveryProviderGetsAzureKeyVaultsCreationLimit() {
    assertThat(ProviderLimits.parse(" ").forProvider("anything"))
        .isEqualTo(ProviderLimit.DEFAULT)
        .satisfies(l -> assertThat(l.creates()).isEqualTo(10))
        .satisfies(l -> assertThat(l.per()).isEqualTo(Duration.ofSeconds(10)));
  }

  @Test
  void saysWhatIsWrongWithAnEntry() {
    assertThatThrownBy(() -> ProviderLimits.parse("software"))
        .hasMessage("provider limit 'software' must be written name=key:value,...");
    assertThatThrownBy(() -> ProviderLimits.parse("software=creates:10"))
        .hasMessageContaining("creates must be N/DURATION, e.g. 10/10s, was 10");
    assertThatThrownBy(() -> ProviderLimits.parse("software=concurrency:0"))
        .hasMessage("provider limit of software: concurrency must be at least 1, was 0");
    assertThatThrownBy(() -> ProviderLimits.parse("software=burst:3"))
        .hasMessageContaining("unknown setting 'burst'; known: concurrency, creates, wait");
    assertThatThrownBy(() -> ProviderLimits.parse("software=wait:soon"))
        .hasMessageContaining("'soon' is not a duration like 500ms, 10s or 1m");
  }
}
