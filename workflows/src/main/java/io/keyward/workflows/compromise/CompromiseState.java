package io.keyward.workflows.compromise;

import io.keyward.workflows.common.Role;
import io.keyward.workflows.common.TimelineEntry;
import io.keyward.workflows.dependencies.KeyDependent;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.hsm.RoundTripResult;
import io.keyward.workflows.incident.EvidenceReceipt;
import java.util.List;
import java.util.Set;

/**
 * The whole visible state of a compromise response, as its query returns it.
 *
 * @param disablement how disabling the key went, with the time to disable
 * @param incident the incident record; null until the key is disabled
 * @param affectedApplications what the dependency map says uses the key
 * @param impactNote how the impact assessment went, in words
 * @param emergencyVersion the new version made by the emergency rotation; null before or when it
 *     failed
 * @param restoration the round trip with the new version (runbook 11.2)
 * @param evidence the sealed forensic evidence bundle
 */
public record CompromiseState(
    CompromiseReport report,
    CompromisePhase phase,
    Disablement disablement,
    IncidentRecord incident,
    EscalationStatus escalation,
    Set<Role> awaitingRoles,
    List<KeyDependent> affectedApplications,
    String impactNote,
    KeyVersionInfo emergencyVersion,
    RoundTripResult restoration,
    EvidenceReceipt evidence,
    List<FollowUpTask> followUps,
    List<TimelineEntry> timeline,
    String outcomeReason) {}
