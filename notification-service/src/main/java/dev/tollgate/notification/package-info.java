/**
 * notification-service: everything a customer must hear. {@code subscription} decides which
 * lifecycle event deserves which message; {@code mail} renders it (Mustache templates, so copy
 * changes need no code), writes it in the consumer's transaction and sends it over SMTP after
 * commit, recording each message so the in-app feed can show it and its delivery state, and a
 * redelivered event never sends twice.
 */
package dev.tollgate.notification;
