package io.keyward.workflows.servicenow;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The value of the {@code state} field that each {@link TicketState} sets, per table. ServiceNow's
 * state values differ by table and by instance, so they are configurable; a table or state without
 * a value gets work notes only. The defaults follow ServiceNow's base system: a change request goes
 * to Implement while the ceremony runs, to Review when it is done and to Canceled when it stops; a
 * requested item to Work in Progress, Closed Complete, Closed Incomplete; an incident to In
 * Progress only, since people resolve incidents after the follow-ups.
 */
public final class TicketStateValues {
  private final Map<String, Map<TicketState, String>> values;

  private TicketStateValues(Map<String, Map<TicketState, String>> values) {
    this.values = values;
  }

  public static TicketStateValues defaults() {
    Map<String, Map<TicketState, String>> values = new HashMap<>();
    values.put("change_request", states("-1", "0", "4"));
    values.put("sc_req_item", states("2", "3", "4"));
    values.put("incident", states("2", null, null));
    return new TicketStateValues(values);
  }

  /**
   * The defaults with overrides written {@code table.STATE=value,...}, e.g. {@code
   * change_request.DONE=3,incident.DONE=6}; an empty value removes a default.
   *
   * @throws IllegalArgumentException naming the entry that is malformed
   */
  public static TicketStateValues parse(String overrides) {
    TicketStateValues result = defaults();
    if (overrides == null || overrides.isBlank()) {
      return result;
    }
    for (String entry : overrides.split(",")) {
      String trimmed = entry.strip();
      int dot = trimmed.indexOf('.');
      int equals = trimmed.indexOf('=');
      if (dot < 1 || equals < dot + 2) {
        throw new IllegalArgumentException(
            "ticket state override '" + trimmed + "' must look like change_request.DONE=3");
      }
      String table = trimmed.substring(0, dot);
      String stateName = trimmed.substring(dot + 1, equals);
      TicketState state;
      try {
        state = TicketState.valueOf(stateName);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "ticket state override '"
                + trimmed
                + "': "
                + stateName
                + " is not one of IN_PROGRESS, DONE, STOPPED");
      }
      result.set(table, state, trimmed.substring(equals + 1).strip());
    }
    return result;
  }

  /** The configured values as a map, with the defaults, overridden by {@code overrides}. */
  public static TicketStateValues of(Map<String, Map<TicketState, String>> overrides) {
    TicketStateValues result = defaults();
    if (overrides != null) {
      overrides.forEach((table, states) -> states.forEach((s, v) -> result.set(table, s, v)));
    }
    return result;
  }

  public Optional<String> valueFor(String table, TicketState state) {
    return Optional.ofNullable(values.getOrDefault(table, Map.of()).get(state));
  }

  private void set(String table, TicketState state, String value) {
    Map<TicketState, String> states =
        values.computeIfAbsent(table, t -> new EnumMap<>(TicketState.class));
    if (value == null || value.isEmpty()) {
      states.remove(state);
    } else {
      states.put(state, value);
    }
  }

  private static Map<TicketState, String> states(String inProgress, String done, String stopped) {
    Map<TicketState, String> states = new EnumMap<>(TicketState.class);
    if (inProgress != null) {
      states.put(TicketState.IN_PROGRESS, inProgress);
    }
    if (done != null) {
      states.put(TicketState.DONE, done);
    }
    if (stopped != null) {
      states.put(TicketState.STOPPED, stopped);
    }
    return states;
  }
}
