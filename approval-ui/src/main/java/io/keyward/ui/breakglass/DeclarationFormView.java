package io.keyward.ui.breakglass;

import io.keyward.ui.pages.CeremonyStart;
import io.keyward.ui.pages.Choice;
import io.keyward.ui.pages.Layout;
import io.keyward.workflows.breakglass.BreakGlassDeclaration;
import io.keyward.workflows.breakglass.BreakGlassLevel;
import io.keyward.workflows.breakglass.BreakGlassScope;
import io.keyward.workflows.directory.DirectoryUser;
import java.util.Arrays;
import java.util.List;

/**
 * What the break-glass declaration form shows: the values as typed, the break-glass admins of the
 * directory to choose from, the authorisation levels of runbook 8.3, and a refusal if any.
 */
public record DeclarationFormView(
    Layout layout,
    String action,
    String problem,
    DeclarationFields fields,
    List<Choice> admins,
    List<Level> levels,
    long minMinutes,
    long maxMinutes,
    int maxKeys,
    int maxReason) {

  /** An authorisation level and whom it needs. */
  public record Level(String name, String approvals) {}

  static DeclarationFormView of(
      Layout layout, DeclarationFields fields, List<DirectoryUser> admins, String problem) {
    return new DeclarationFormView(
        layout,
        CeremonyStart.DECLARE_BREAK_GLASS.path(),
        problem,
        fields,
        admins.stream()
            .map(
                admin ->
                    new Choice(
                        admin.id(),
                        admin.displayName() + " (" + admin.id() + ")",
                        admin.id().equals(fields.admin().strip())))
            .toList(),
        Arrays.stream(BreakGlassLevel.values())
            .map(level -> new Level(level.name(), level.runbookText()))
            .toList(),
        BreakGlassDeclaration.MIN_DURATION.toMinutes(),
        BreakGlassDeclaration.MAX_DURATION.toMinutes(),
        BreakGlassScope.MAX_KEYS,
        BreakGlassDeclaration.MAX_REASON);
  }
}
