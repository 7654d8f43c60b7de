package io.keyward.workflows.breakglass;

import static io.keyward.workflows.breakglass.BreakGlassCast.BRUNO;
import static io.keyward.workflows.breakglass.BreakGlassCast.SOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.incident.IncidentId;
import io.keyward.workflows.testing.People;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakGlassDeclarationTest {
  private static final IncidentId INCIDENT = new IncidentId("INC1");
  private static final BreakGlassScope SCOPE =
      BreakGlassScope.ofKeys(List.of(new KeyRef("kv-a", "k1")));

  @Test
  void lastsFifteenMinutesUnlessAShorterTimeIsAsked() {
    assertThat(declaration(null).duration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(declaration(Duration.ofMinutes(5)).duration()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void refusesMoreThanFifteenMinutesOrLessThanOne() {
    assertThatThrownBy(() -> declaration(Duration.ofMinutes(16)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a break-glass session lasts between 1 and 15 minutes (runbook 8.3), asked for 16"
                + " minutes");
    assertThatThrownBy(() -> declaration(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void needsAReason() {
    assertThatThrownBy(() -> new BreakGlassDeclaration(INCIDENT, SCOPE, " ", null, BRUNO, SOL))
        .hasMessageContaining("reason is required");
  }

  @Test
  void aScopeNamesEitherAVaultOrKeys() {
    assertThatThrownBy(() -> new BreakGlassScope("kv-a", List.of(new KeyRef("kv-a", "k1"))))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> new BreakGlassScope(null, List.of()))
        .hasMessageContaining("not neither");
    assertThat(BreakGlassScope.ofVault("kv-a").covers(new KeyRef("kv-a", "anything"))).isTrue();
    assertThat(SCOPE.covers(new KeyRef("kv-a", "k2"))).isFalse();
  }

  @Test
  void onlyEntitledPeopleDeclareAndOnlyBreakGlassAdminsReceiveAccess() {
    assertThat(BreakGlassRoles.refusalFor(declaration(null))).isEmpty();
    assertThat(
            BreakGlassRoles.refusalFor(
                new BreakGlassDeclaration(INCIDENT, SCOPE, "r", null, BRUNO, People.KIM)))
        .hasValueSatisfying(m -> assertThat(m).startsWith("kim may not declare"));
    assertThat(
            BreakGlassRoles.refusalFor(
                new BreakGlassDeclaration(INCIDENT, SCOPE, "r", null, People.LENA, SOL)))
        .hasValueSatisfying(m -> assertThat(m).startsWith("lena is not a break-glass admin"));
  }

  private static BreakGlassDeclaration declaration(Duration duration) {
    return new BreakGlassDeclaration(INCIDENT, SCOPE, "outage", duration, BRUNO, SOL);
  }
}
