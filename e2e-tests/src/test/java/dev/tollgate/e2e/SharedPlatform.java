package dev.tollgate.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that runs against {@link RunningPlatform#shared()}, the one platform with the default
 * settings, instead of starting its own: starting seven Spring contexts per class was most of the
 * suite's time. Such a class must not depend on the others' data (its own accounts, customers and
 * mail recipients; no global counts) nor change what they see (the clock, the catalog, stubs of
 * someone else's Stripe objects). {@link SharedPlatformClassesFirst} runs these classes together;
 * {@link SharedPlatformLifecycle} closes the platform before any other class and at the end.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface SharedPlatform {
}
