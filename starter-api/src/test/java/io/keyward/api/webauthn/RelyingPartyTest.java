package io.keyward.api.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which page origins may register security keys and ask them to sign decisions. */
class RelyingPartyTest {
  @Test
  void acceptsOnlyTheListedOriginsWhenSomeAreListed() {
    RelyingParty party =
        new RelyingParty("keyward.example.com", List.of("https://keyward.example.com"));

    assertThat(party.accepts("https://keyward.example.com")).isTrue();
    assertThat(party.accepts("https://keyward.example.com:8443")).isFalse();
    assertThat(party.accepts("https://evil.example.com")).isFalse();
    assertThat(party.accepts(null)).isFalse();
  }

  @Test
  void withoutAListAcceptsHttpsOriginsOfTheRpIdAndHttpOnlyForLocalhost() {
    RelyingParty production = new RelyingParty("keyward.example.com", List.of());
    RelyingParty dev = new RelyingParty("localhost", List.of());

    assertThat(production.accepts("https://keyward.example.com:8443")).isTrue();
    assertThat(production.accepts("http://keyward.example.com")).isFalse();
    assertThat(production.accepts("https://keyward.example.com.evil.test")).isFalse();
    assertThat(dev.accepts("http://localhost:41234")).isTrue();
    assertThat(dev.accepts("http://127.0.0.1:41234")).isFalse();
    assertThat(dev.accepts("not an origin")).isFalse();
  }
}
