package io.keyward.workflows.common;

import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Keyward's custom search attributes. Operators filter on them in Temporal Web, for example {@code
 * KeywardPhase="AWAITING_APPROVAL"}; the dev server registers them at start.
 */
public final class KeywardSearchAttributes {
  public static final SearchAttributeKey<String> KIND =
      SearchAttributeKey.forKeyword("KeywardKind");
  public static final SearchAttributeKey<String> PHASE =
      SearchAttributeKey.forKeyword("KeywardPhase");
  public static final SearchAttributeKey<String> KEY_NAME =
      SearchAttributeKey.forKeyword("KeywardKeyName");
  public static final SearchAttributeKey<String> CLASSIFICATION =
      SearchAttributeKey.forKeyword("KeywardClassification");
  public static final SearchAttributeKey<List<String>> AWAITING_ROLES =
      SearchAttributeKey.forKeywordList("KeywardAwaitingRoles");
  public static final SearchAttributeKey<String> TICKET =
      SearchAttributeKey.forKeyword("KeywardTicket");
  public static final SearchAttributeKey<String> INCIDENT =
      SearchAttributeKey.forKeyword("KeywardIncident");

  /**
   * When the workflow acts next on its own: a manual rotation's date T, a lifecycle's next action.
   */
  public static final SearchAttributeKey<OffsetDateTime> DUE_AT =
      SearchAttributeKey.forOffsetDateTime("KeywardDueAt");

  /**
   * When the open human step expires; unset when none is open. The inbox orders by it where the
   * server can order (Elasticsearch visibility). The rest of an inbox row is in the memo ({@link
   * WaitingStep}).
   */
  public static final SearchAttributeKey<OffsetDateTime> STEP_DUE =
      SearchAttributeKey.forOffsetDateTime("KeywardStepDue");

  /** Every attribute with its type name as {@code temporal server start-dev} expects it. */
  public static final Map<String, String> DEFINITIONS =
      Map.ofEntries(
          Map.entry(KIND.getName(), "Keyword"),
          Map.entry(PHASE.getName(), "Keyword"),
          Map.entry(KEY_NAME.getName(), "Keyword"),
          Map.entry(CLASSIFICATION.getName(), "Keyword"),
          Map.entry(AWAITING_ROLES.getName(), "KeywordList"),
          Map.entry(TICKET.getName(), "Keyword"),
          Map.entry(INCIDENT.getName(), "Keyword"),
          Map.entry(DUE_AT.getName(), "Datetime"),
          Map.entry(STEP_DUE.getName(), "Datetime"));

  private KeywardSearchAttributes() {}
}
