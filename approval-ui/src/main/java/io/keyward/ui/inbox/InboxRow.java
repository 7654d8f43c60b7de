package io.keyward.ui.inbox;

import java.time.Instant;

/**
 * One thing that waits on the signed-in person: what to do, on which key of which classification,
 * who asked, since when it waits and when it is due. {@code ownRequest} marks a request this person
 * made, on which the ceremony will refuse their decision.
 */
public record InboxRow(
    String task,
    String href,
    String key,
    String classification,
    String askedBy,
    Instant since,
    Instant due,
    boolean ownRequest) {}
