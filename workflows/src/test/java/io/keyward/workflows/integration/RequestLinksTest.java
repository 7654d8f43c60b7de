package io.keyward.workflows.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestLinksTest {
  private final RequestLinks links = new RequestLinks(URI.create("https://keyward.example.com/"));

  @Test
  void aGenerationCeremonyLinksToItsRequestPage() {
    assertThat(links.pageFor("keygen/kv-payments/card-signing"))
        .isEqualTo("https://keyward.example.com/ui/generations/kv-payments/card-signing");
  }

  @Test
  void aRotationLinksToItsPage() {
    assertThat(links.pageFor("rotation/kv-a/b"))
        .isEqualTo("https://keyward.example.com/ui/rotations/kv-a/b");
  }

  @Test
  void incidentsLinkToTheirPages() {
    assertThat(links.pageFor("compromise/INC0010001"))
        .isEqualTo("https://keyward.example.com/ui/incidents/INC0010001");
    assertThat(links.pageFor("breakglass/INC0010002"))
        .isEqualTo("https://keyward.example.com/ui/break-glass/INC0010002");
  }

  @Test
  void aKeysLifecycleLinksToTheKeysPageAlsoInsteadOfItsApiPath() {
    assertThat(links.pageFor("lifecycle/kv-a/b"))
        .isEqualTo("https://keyward.example.com/ui/keys/kv-a/b");
    assertThat(links.resolve("/api/keys/kv-a/b/lifecycle", "lifecycle/kv-a/b"))
        .isEqualTo("https://keyward.example.com/ui/keys/kv-a/b");
    assertThat(links.resolve("/api/rotations/kv-a/b", "rotation/kv-a/b"))
        .isEqualTo("https://keyward.example.com/ui/rotations/kv-a/b");
    assertThat(links.resolve("/api/status/x", "snow/abc"))
        .as("no page of its own: the path as given")
        .isEqualTo("https://keyward.example.com/api/status/x");
  }

  @Test
  void otherWorkflowsLinkToTheInbox() {
    assertThat(links.pageFor("snow/9d385017c611228701d22104cc95c371"))
        .isEqualTo("https://keyward.example.com/ui/inbox");
  }

  @Test
  void aNotificationsOwnLinkWinsAndPathsResolveAgainstTheBase() {
    assertThat(links.resolve("https://elsewhere.example.com/x", "keygen/a-b/c"))
        .isEqualTo("https://elsewhere.example.com/x");
    assertThat(links.resolve("/ui/incidents/INC1", "compromise/INC1"))
        .isEqualTo("https://keyward.example.com/ui/incidents/INC1");
    assertThat(links.resolve(null, "keygen/kv-a/b"))
        .isEqualTo("https://keyward.example.com/ui/generations/kv-a/b");
  }
}
