package io.keyward.workflows.credential;

import io.keyward.workflows.common.TimelineEntry;
import java.time.Instant;
import java.util.List;

/** The query answer of an enrolment. */
public record EnrolmentState(
    String person,
    String credentialId,
    EnrolmentPhase phase,
    Instant deadline,
    String decidedBy,
    List<TimelineEntry> timeline) {}
