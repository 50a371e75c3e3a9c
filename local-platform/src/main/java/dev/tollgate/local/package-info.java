/**
 * The local launcher behind {@code ./tollgate start}: real PostgreSQL (embedded binaries, data
 * kept in {@code .run/postgres}), a real Kafka broker in KRaft mode, an SMTP catcher with a web
 * page to read the mail, an offline Stripe emulator (module stripe-emulator), and the seven Tollgate processes started
 * from their jars. It waits for every process to report ready, prints the URLs, and stops
 * everything it started when it is stopped. The same jar carries the operator's dead-letter
 * replay ({@code ./tollgate replay-dlt}, {@link dev.tollgate.local.DeadLetterReplay}).
 */
package dev.tollgate.local;
