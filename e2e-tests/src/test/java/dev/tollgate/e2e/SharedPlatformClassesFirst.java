package dev.tollgate.e2e;

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.ClassDescriptor;

/**
 * Runs every {@link SharedPlatform} class before the classes that start a platform of their own, so
 * the shared platform starts once (it is closed before another platform starts). The sort is stable:
 * within each group the order surefire chose (e.g. {@code -Dsurefire.runOrder=reversealphabetical})
 * stays, so order dependence between shared classes still shows. Only an optimisation: without it
 * the shared platform is started again after a class with its own.
 * Set in junit-platform.properties ({@code junit.jupiter.testclass.order.default}).
 */
public class SharedPlatformClassesFirst implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(
                (ClassDescriptor descriptor) -> !descriptor.isAnnotated(SharedPlatform.class)));
    }
}
