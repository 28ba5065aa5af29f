package dev.sluice.runtime.java;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a type or member from the forbidden-apis check. The only legitimate use is {@link LogWriter}, which owns
 * stdout because container logs are how the platform and its tests observe the runtime.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
@interface SuppressForbidden {
    /** Why the forbidden API is needed here. */
    String reason();
}
