package io.keyward.ui.pages;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * One option of a select list or one box of a group of check boxes, with whether the person chose
 * it. The options of a form come from the enums of the policy model, so a form never offers a value
 * the ceremonies do not know, and a new value appears on the form without editing a template.
 */
public record Choice(String value, String label, boolean selected) {

  /** Every constant of {@code type}, labelled, with the ones named in {@code chosen} selected. */
  public static <E extends Enum<E>> List<Choice> of(
      Class<E> type, Collection<String> chosen, Function<E, String> label) {
    return Arrays.stream(type.getEnumConstants())
        .map(each -> new Choice(each.name(), label.apply(each), chosen.contains(each.name())))
        .toList();
  }

  /** As {@link #of(Class, Collection, Function)}, labelled with the constants' names. */
  public static <E extends Enum<E>> List<Choice> of(Class<E> type, String chosen) {
    return of(type, chosen == null ? List.of() : List.of(chosen), Enum::name);
  }
}
