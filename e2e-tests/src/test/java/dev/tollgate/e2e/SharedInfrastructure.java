package dev.tollgate.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same infrastructure for a second (third ...) replica set: each application gets the database
 * its first start got, not a fresh one, so replicas share PostgreSQL as they do in production; the
 * broker is the one broker anyway. Closing is the wrapped infrastructure's owner's business.
 */
final class SharedInfrastructure implements Infrastructure {

    private final Infrastructure infrastructure;
    private final Map<String, Map<String, Object>> byApplication = new ConcurrentHashMap<>();

    SharedInfrastructure(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    @Override
    public Map<String, Object> properties(String application) {
        return byApplication.computeIfAbsent(application, infrastructure::properties);
    }

    @Override
    public void close() {
        infrastructure.close();
    }
}
