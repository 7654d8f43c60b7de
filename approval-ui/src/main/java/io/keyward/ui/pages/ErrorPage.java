package io.keyward.ui.pages;

/** A page that says what went wrong, for the status it is served with. */
public record ErrorPage(Layout layout, int status, String heading, String message) {}
