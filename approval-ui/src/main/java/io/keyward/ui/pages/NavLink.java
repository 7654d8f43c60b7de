package io.keyward.ui.pages;

/** One entry of the navigation bar. */
public record NavLink(String label, String href, boolean current) {}
