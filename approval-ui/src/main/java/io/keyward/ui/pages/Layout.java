package io.keyward.ui.pages;

import io.keyward.ui.session.Notice;
import java.util.List;

/**
 * What every page's frame shows: the title, who is signed in with which roles, the navigation they
 * may use, the links to the forms that start ceremonies, the one-time notice and the CSRF token for
 * the sign-out form. Every field is escaped by the templates.
 */
public record Layout(
    String title,
    boolean signedIn,
    String userId,
    String userName,
    String roles,
    String csrf,
    List<NavLink> nav,
    List<NavLink> start,
    Notice notice) {}
