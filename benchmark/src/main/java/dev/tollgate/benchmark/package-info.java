/**
 * The platform's benchmark, run by {@code ./tollgate bench}: it starts the local platform with
 * production JVM settings, drives it with Gatling (the HTTP figures) and with plain Kafka and HTTP
 * clients (the raw producer and the convergence figures), and prints every figure beside its
 * baseline and target. A benchmark, not a test: nothing here fails a build, and its figures are
 * only as good as the machine it ran on, which it writes down with them.
 */
package dev.tollgate.benchmark;
