package io.keyward.ui.session;

import io.keyward.ui.pages.Layout;

/**
 * The sign-in page: the password form (when there is a users file) with the token it must send
 * back, the link to the identity provider (when OpenID Connect is on), where to go afterwards, what
 * went wrong.
 *
 * @param passwords whether the password form is shown
 * @param oidcLink the link that starts a sign-in through the identity provider, or null
 */
public record SignInPage(
    Layout layout,
    String token,
    String next,
    String username,
    String problem,
    String info,
    boolean passwords,
    String oidcLink) {}
