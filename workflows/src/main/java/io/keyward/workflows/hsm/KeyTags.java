package io.keyward.workflows.hsm;

/**
 * The names of the tags Keyward sets on every key version it makes (runbook 3.2: Classification,
 * Owner, Purpose, ...); the usage tag is {@link io.keyward.workflows.policy.KeyUsage#TAG}.
 */
public final class KeyTags {
  public static final String CLASSIFICATION = "Classification";
  public static final String OWNER = "Owner";

  /** The application a key serves, as its requester names it. */
  public static final String APPLICATION = "Application";

  public static final String REQUESTED_BY = "RequestedBy";
  public static final String TICKET = "Ticket";
  public static final String CEREMONY = "KeywardCeremony";

  private KeyTags() {}
}
