package io.keyward.dev;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keyward's search attribute definitions ({@code name -> type name}, as {@code temporal server
 * start-dev --search-attribute} takes them) in the form the Temporal APIs take.
 */
final class SearchAttributeTypes {
  private static final Map<String, IndexedValueType> TYPES =
      Map.of(
          "Keyword", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "KeywordList", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
          "Text", IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
          "Int", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "Double", IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
          "Bool", IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
          "Datetime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);

  private SearchAttributeTypes() {}

  /** Each definition's indexed type, in name order. */
  static Map<String, IndexedValueType> indexed(Map<String, String> definitions) {
    Map<String, IndexedValueType> indexed = new LinkedHashMap<>();
    new TreeMap<>(definitions).forEach((name, type) -> indexed.put(name, indexed(type)));
    return indexed;
  }

  /**
   * @throws IllegalArgumentException for a type name the dev server does not know
   */
  static IndexedValueType indexed(String typeName) {
    IndexedValueType type = TYPES.get(typeName);
    if (type == null) {
      throw new IllegalArgumentException(
          "unknown search attribute type '"
              + typeName
              + "'; known: "
              + new TreeMap<>(TYPES).keySet());
    }
    return type;
  }
}
