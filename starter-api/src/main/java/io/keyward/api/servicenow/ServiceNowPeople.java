package io.keyward.api.servicenow;

import io.keyward.workflows.common.Actor;
import io.keyward.workflows.directory.Directory;
import io.keyward.workflows.servicenow.RecordType;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps the ServiceNow user name a record names to the Keyward directory user who stands behind the
 * request: the {@code servicenow.users} map, checked against the directory when the application
 * starts. The signature proves the record comes from ServiceNow; this map decides who in Keyward it
 * speaks for, so a ServiceNow user not listed is refused rather than guessed.
 */
final class ServiceNowPeople {
  private final Map<String, String> users;
  private final Directory directory;

  /**
   * @throws IllegalArgumentException when the map names a directory id the directory lacks
   */
  ServiceNowPeople(Map<String, String> users, Directory directory) {
    this.users = Map.copyOf(users);
    this.directory = directory;
    TreeSet<String> missing = new TreeSet<>();
    users.forEach(
        (snow, id) -> {
          if (directory.find(id).isEmpty()) {
            missing.add(snow + " -> " + id);
          }
        });
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "servicenow.users maps to users the directory does not have: " + missing);
    }
  }

  /**
   * @throws IllegalArgumentException when the field is empty
   * @throws UnknownRequesterException when the user is not mapped
   */
  Actor actorFor(RecordType type, String userName) {
    if (userName == null || userName.isBlank()) {
      throw new IllegalArgumentException(
          type.personField()
              + " is required for a "
              + type.wireName()
              + " record: the ServiceNow user name of the person behind it");
    }
    String id = users.get(userName.strip());
    if (id == null) {
      throw new UnknownRequesterException(
          "ServiceNow user '"
              + shortened(userName.strip())
              + "' ("
              + type.personField()
              + ") is not mapped to a Keyward user in servicenow.users; nothing was started");
    }
    return directory
        .find(id)
        .orElseThrow(
            () ->
                new UnknownRequesterException(
                    "Keyward user '" + id + "' is no longer in the directory; nothing was started"))
        .toActor();
  }

  private static String shortened(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }
}
