/**
 * Database migrations of the shared platform tables (inbox, outbox, ShedLock) under
 * {@code classpath:db/platform}, applied by a Flyway run of their own with their own history
 * table ({@code flyway_platform_history}) before the service's own migrations. A platform
 * migration's version therefore never clashes with a service's, and a service's
 * {@code spring.flyway.locations} lists only its own folder.
 */
package dev.tollgate.platform.data.migration;
