package io.keyward.workflows.rotation;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.common.Role;
import io.keyward.workflows.policy.ApprovalSlot;
import io.keyward.workflows.policy.RotationRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The approvals one rotation collects against the rotation matrix (runbook 6.1): each {@link
 * ApprovalSlot} is filled by a different person holding one of its roles. Plain state for workflow
 * code; the caller refuses the requester before asking here.
 */
public final class RotationApprovals {
  private final RotationRule rule;
  private final Map<String, String> approverBySlot = new LinkedHashMap<>();

  public RotationApprovals(RotationRule rule) {
    this.rule = rule;
  }

  /** Why {@code actor} cannot approve now, in words for that person; empty if they can. */
  public Optional<String> refusalFor(Actor actor) {
    if (approverBySlot.containsValue(actor.id())) {
      return Optional.of(actor.id() + " has already approved this rotation");
    }
    if (slotFor(actor).isPresent()) {
      return Optional.empty();
    }
    boolean eligibleForFilledSlot =
        rule.approvals().stream().anyMatch(slot -> actor.holdsAny(slot.roles()));
    if (eligibleForFilledSlot) {
      return Optional.of(
          "the approval "
              + actor.id()
              + " may give is already given; still needed: "
              + missingText());
    }
    return Optional.of(
        actor.id()
            + " holds none of the roles that may approve rotating a "
            + rule.usage().label()
            + ": "
            + new TreeSet<>(eligibleRoles())
            + " (runbook 6.1: "
            + rule.approvalText()
            + ")");
  }

  /** Records the approval; call only after {@link #refusalFor} returned empty. */
  public String approve(Actor actor) {
    ApprovalSlot slot =
        slotFor(actor)
            .orElseThrow(() -> new IllegalStateException(actor.id() + " fills no open slot"));
    approverBySlot.put(slot.name(), actor.id());
    return slot.name();
  }

  public boolean complete() {
    return approverBySlot.size() == rule.approvals().size();
  }

  public boolean isApprover(String person) {
    return approverBySlot.containsValue(person);
  }

  /** Forgets every approval, when the rotation date moves and approvers must look again. */
  public void clear() {
    approverBySlot.clear();
  }

  /** The roles that can fill a slot still open. */
  public Set<Role> awaitingRoles() {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    openSlots().forEach(slot -> roles.addAll(slot.roles()));
    return roles;
  }

  /** Who approved, as {@code "slot: person"}, in the order they approved. */
  public List<String> given() {
    return approverBySlot.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.toList());
  }

  public List<String> approvers() {
    return List.copyOf(approverBySlot.values());
  }

  private Set<Role> eligibleRoles() {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    rule.approvals().forEach(slot -> roles.addAll(slot.roles()));
    return roles;
  }

  private Optional<ApprovalSlot> slotFor(Actor actor) {
    return openSlots().stream().filter(slot -> actor.holdsAny(slot.roles())).findFirst();
  }

  private List<ApprovalSlot> openSlots() {
    List<ApprovalSlot> open = new ArrayList<>();
    for (ApprovalSlot slot : rule.approvals()) {
      if (!approverBySlot.containsKey(slot.name())) {
        open.add(slot);
      }
    }
    return open;
  }

  private String missingText() {
    return openSlots().stream()
        .map(slot -> slot.name() + " " + new TreeSet<>(slot.roles()))
        .collect(Collectors.joining(", "));
  }
}
