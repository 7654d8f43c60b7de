package io.keyward.activities.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.keyward.workflows.notify.Notification;
import io.keyward.workflows.notify.SlackActions;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a notification into Block Kit: the title and text, a context line with the severity and the
 * workflow, and buttons: "Open in Keyward" always, and the answer the notice asks for (Approve /
 * Deny, or Acknowledge; see {@link SlackActions#offered}). Whether a click may decide is checked
 * again when it arrives (ULTRA decisions are refused there and pointed to the web page). Text from
 * workflows is escaped, so a name with {@code <} or {@code &} cannot become a Slack link or
 * mention.
 */
public final class SlackMessages {
  private SlackMessages() {}

  public static List<LayoutBlock> blocks(Notification n, String link) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        SectionBlock.builder()
            .text(
                markdown(
                    "*"
                        + escape(n.title())
                        + "*"
                        + (n.text() == null ? "" : "\n" + escape(n.text()))))
            .build());
    blocks.add(
        ContextBlock.builder()
            .elements(
                List.of(
                    markdown(
                        icon(n.severity())
                            + " "
                            + n.severity()
                            + (n.subject() == null ? "" : " · `" + escape(n.subject()) + "`"))))
            .build());
    List<BlockElement> buttons = new ArrayList<>();
    buttons.add(
        ButtonElement.builder()
            .actionId(SlackActions.OPEN)
            .text(plain("Open in Keyward"))
            .url(link)
            .build());
    SlackActions.offered(n)
        .ifPresent(
            answer -> {
              switch (answer) {
                case APPROVE_OR_DENY -> {
                  buttons.add(button(SlackActions.APPROVE, "Approve", n.subject()));
                  buttons.add(denyButton(n.subject()));
                }
                case ACKNOWLEDGE ->
                    buttons.add(button(SlackActions.ACKNOWLEDGE, "Acknowledge", n.subject()));
              }
            });
    blocks.add(ActionsBlock.builder().elements(buttons).build());
    return blocks;
  }

  private static ButtonElement button(String actionId, String text, String subject) {
    return ButtonElement.builder()
        .actionId(actionId)
        .text(plain(text))
        .style("primary")
        .value(subject)
        .build();
  }

  private static ButtonElement denyButton(String subject) {
    return ButtonElement.builder()
        .actionId(SlackActions.DENY)
        .text(plain("Deny"))
        .style("danger")
        .value(subject)
        .confirm(
            ConfirmationDialogObject.builder()
                .title(plain("Deny this request?"))
                .text(
                    plain(
                        "The request ends DENIED. To give a detailed reason, deny it in Keyward."))
                .confirm(plain("Deny"))
                .deny(plain("Cancel"))
                .build())
        .build();
  }

  /** The plain text Slack shows in notifications and where blocks cannot be shown. */
  public static String fallbackText(Notification n) {
    return n.title() + (n.text() == null ? "" : ": " + n.text());
  }

  /** Escapes the three characters Slack's mrkdwn treats as control characters. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String icon(Notification.Severity severity) {
    return switch (severity) {
      case CRITICAL -> ":rotating_light:";
      case WARNING -> ":warning:";
      case INFO -> ":information_source:";
    };
  }

  private static MarkdownTextObject markdown(String text) {
    return MarkdownTextObject.builder().text(text).build();
  }

  private static PlainTextObject plain(String text) {
    return PlainTextObject.builder().text(text).emoji(false).build();
  }
}
