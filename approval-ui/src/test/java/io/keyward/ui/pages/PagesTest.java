package io.keyward.ui.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.ui.session.Notice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagesTest {
  private final Pages pages = new Pages();

  @Test
  void escapesEveryValueItRenders() {
    Layout layout =
        new Layout(
            "<b>title</b>",
            true,
            "o\"livia",
            "Olivia <Officer>",
            "CRYPTO_OFFICER",
            "tok\"en",
            List.of(new NavLink("Inbox", "/ui/inbox", true)),
            List.of(new NavLink("<Request> a key", "/ui/generations/new", false)),
            Notice.refused("<script>alert(1)</script>"));

    String html =
        pages.render("error", new ErrorPage(layout, 409, "It's <refused>", "a & b <i>c</i>"));

    assertThat(html)
        .contains("&lt;b&gt;title&lt;/b&gt;")
        .contains("Olivia &lt;Officer&gt;")
        .contains("value=\"tok&quot;en\"")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;Request&gt; a key")
        .contains("It&#39;s &lt;refused&gt;")
        .contains("a &amp; b &lt;i&gt;c&lt;/i&gt;")
        .doesNotContain("<script>alert")
        .doesNotContain("<i>c</i>");
  }

  @Test
  void noTemplateUsesTheUnescapedForms() throws IOException {
    List<String> names = new java.util.ArrayList<>(Pages.TEMPLATES);
    names.addAll(List.of("header", "footer"));
    for (String name : names) {
      try (InputStream in =
          Pages.class.getResourceAsStream("/io/keyward/ui/templates/" + name + ".mustache")) {
        assertThat(in).as(name).isNotNull();
        String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(template).as(name).doesNotContain("{{{").doesNotContain("{{&");
      }
    }
  }
}
