package io.keyward.ui.session;

import io.keyward.ui.pages.Layout;

/** The sign-in form: the token it must send back, where to go afterwards, what went wrong. */
public record SignInPage(
    Layout layout, String token, String next, String username, String problem, String info) {}
