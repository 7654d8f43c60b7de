package io.keyward.workflows.incident;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;

/** Registers Keyward's search attributes with a test server, as the dev server does at start. */
public final class SearchAttributesForTests {
  private SearchAttributesForTests() {}

  /** A time-skipping test environment with the search attributes registered. */
  public static TestWorkflowEnvironment newEnvironment() {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    register(env);
    return env;
  }

  public static void register(TestWorkflowEnvironment env) {
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) ->
            env.registerSearchAttribute(
                name,
                type.equals("KeywordList")
                    ? IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST
                    : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }
}
