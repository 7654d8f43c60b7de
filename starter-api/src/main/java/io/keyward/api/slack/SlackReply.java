package io.keyward.api.slack;

/** What Keyward answers the person who clicked, shown only to them in Slack. */
record SlackReply(String text) {}
