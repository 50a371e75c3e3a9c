/**
 * Secure by default: a process outside the {@code local} profile refuses to start while one of
 * the secrets its configuration lists under {@code tollgate.secrets.required} is unset or still
 * holds the value the {@code local} profile gives it ({@code tollgate-local.yml}), naming the
 * environment variable to set. Only the local launcher and the test suite run with {@code local}.
 */
package dev.tollgate.platform.secrets;
