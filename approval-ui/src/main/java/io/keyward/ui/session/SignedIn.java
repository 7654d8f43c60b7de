package io.keyward.ui.session;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks page resources that need a signed-in person: {@link SignedInFilter} sends everyone else to
 * the sign-in form and refuses every POST whose CSRF token is missing or wrong.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignedIn {}
