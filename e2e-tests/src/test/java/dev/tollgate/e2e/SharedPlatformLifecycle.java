package dev.tollgate.e2e;

import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Closes {@link RunningPlatform#shared()} before a class that is not {@link SharedPlatform} starts, and
 * when the test engine has run every class (before the test plan ends, when spring-kafka-test's listener
 * stops the embedded broker the platform still talks to). Two platforms must never run at once: all of
 * them use the JVM's one Kafka broker, where the services of both would join the same consumer groups
 * and take each other's records. A JUnit Platform listener (registered in META-INF/services) because it
 * sees every class, including one added later that starts a platform without {@link RunningPlatform}.
 */
public class SharedPlatformLifecycle implements TestExecutionListener {

    @Override
    public void executionStarted(TestIdentifier identifier) {
        identifier.getSource().filter(ClassSource.class::isInstance).map(source -> ((ClassSource) source).getJavaClass())
                .filter(testClass -> !AnnotationSupport.isAnnotated(testClass, SharedPlatform.class))
                .ifPresent(testClass -> RunningPlatform.closeShared());
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (identifier.getParentId().isEmpty()) {
            RunningPlatform.closeShared();
        }
    }
}
