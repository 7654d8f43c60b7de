package io.keyward.workflows.integration;

import java.net.URI;

/**
 * Where people act on a workflow in Keyward's web pages: the page of a generation ceremony, a
 * manual rotation, a key's lifecycle, a compromise response, a break-glass session, a
 * classification change or a security key's enrolment, the inbox for kinds that have no page of
 * their own. One place, so Slack messages, ticket notes and Slack answers link alike.
 */
public final class RequestLinks {
  private static final String INBOX = "/ui/inbox";

  private final URI base;

  /**
   * @param base the address the approvers open, e.g. {@code https://keyward.example.com}
   */
  public RequestLinks(URI base) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  /** The page for {@code workflowId}, as an absolute address. */
  public String pageFor(String workflowId) {
    return base + pathFor(workflowId);
  }

  /**
   * Resolves a notification's link for people: the workflow's page instead of an API path when it
   * has one, absolute addresses as they are, other paths against the base, and the workflow's page
   * when there is no link.
   */
  public String resolve(String link, String workflowId) {
    if (link != null && link.startsWith("/api/") && !pathFor(workflowId).equals(INBOX)) {
      return pageFor(workflowId);
    }
    if (link != null && (link.startsWith("https://") || link.startsWith("http://"))) {
      return link;
    }
    if (link != null && link.startsWith("/")) {
      return base + link;
    }
    return workflowId == null ? base + INBOX : pageFor(workflowId);
  }

  /** The page's path for {@code workflowId}, e.g. {@code /ui/break-glass/INC-1}; the inbox else. */
  public static String pathFor(String workflowId) {
    String[] parts = workflowId == null ? new String[0] : workflowId.split("/");
    if (parts.length == 3 && parts[0].equals("keygen")) {
      return "/ui/generations/" + parts[1] + "/" + parts[2];
    }
    if (parts.length == 3 && parts[0].equals("rotation")) {
      return "/ui/rotations/" + parts[1] + "/" + parts[2];
    }
    if (parts.length == 3 && parts[0].equals("lifecycle")) {
      return "/ui/keys/" + parts[1] + "/" + parts[2];
    }
    if (parts.length == 2 && parts[0].equals("compromise")) {
      return "/ui/incidents/" + parts[1];
    }
    if (parts.length == 2 && parts[0].equals("breakglass")) {
      return "/ui/break-glass/" + parts[1];
    }
    if (parts.length == 3 && parts[0].equals("classification")) {
      return "/ui/classifications/" + parts[1] + "/" + parts[2];
    }
    if (parts.length == 2 && parts[0].equals("credential-enrolment")) {
      return "/ui/security-keys";
    }
    return INBOX;
  }
}
