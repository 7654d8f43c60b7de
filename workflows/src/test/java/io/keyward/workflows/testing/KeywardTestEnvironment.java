package io.keyward.workflows.testing;

import io.keyward.workflows.common.KeywardSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;

/** A time-skipping test environment with Keyward's search attributes, each of its own type. */
public final class KeywardTestEnvironment {
  private KeywardTestEnvironment() {}

  public static TestWorkflowEnvironment newInstance() {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    KeywardSearchAttributes.DEFINITIONS.forEach(
        (name, type) -> env.registerSearchAttribute(name, indexedType(type)));
    return env;
  }

  private static IndexedValueType indexedType(String type) {
    return switch (type) {
      case "KeywordList" -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
      case "Datetime" -> IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
      case "Text" -> IndexedValueType.INDEXED_VALUE_TYPE_TEXT;
      case "Int" -> IndexedValueType.INDEXED_VALUE_TYPE_INT;
      case "Double" -> IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE;
      case "Bool" -> IndexedValueType.INDEXED_VALUE_TYPE_BOOL;
      default -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    };
  }
}
