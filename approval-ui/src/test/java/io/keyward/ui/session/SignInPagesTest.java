package io.keyward.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignInPagesTest {
  @ParameterizedTest
  @ValueSource(strings = {"/ui/generations/kv-payments/card-signing", "/ui/keys", "/ui/inbox?x=1"})
  void goesBackToAKeywardPageAfterSignIn(String next) {
    assertThat(SignInPages.safeNext(next)).isEqualTo(next);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/ui/inbox",
        "//evil.example/ui/inbox",
        "/ui//evil.example",
        "/ui/../api/generations",
        "/api/generations",
        "/ui/<script>",
        "javascript:alert(1)",
        ""
      })
  void goesToTheInboxInsteadOfAnyOtherPlace(String next) {
    assertThat(SignInPages.safeNext(next)).isEqualTo("/ui/inbox");
  }
}
