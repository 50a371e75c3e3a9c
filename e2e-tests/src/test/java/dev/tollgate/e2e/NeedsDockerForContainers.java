package dev.tollgate.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Skips a test class that asked for containers ({@code -Pcontainers}) where no Docker engine
 * answers, saying so, instead of failing it; with the embedded infrastructure (the default) it
 * never looks for Docker.
 */
class NeedsDockerForContainers implements ExecutionCondition {

    static final String NO_DOCKER = "-Pcontainers needs a Docker engine and Testcontainers found none (it looked at "
            + "DOCKER_HOST, ~/.testcontainers.properties and the local socket): the end-to-end suite is SKIPPED. "
            + "Without -Pcontainers it runs on embedded PostgreSQL and Kafka.";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!Infrastructure.wantsContainers()) {
            return ConditionEvaluationResult.enabled("embedded infrastructure");
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        System.err.println("[tollgate e2e] " + NO_DOCKER);
        return ConditionEvaluationResult.disabled(NO_DOCKER);
    }
}
