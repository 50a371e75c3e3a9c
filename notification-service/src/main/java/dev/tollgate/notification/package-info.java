/**
 * notification-service: everything a customer must hear. {@code subscription} decides which
 * lifecycle event deserves which message; {@code mail} renders it (Mustache templates, so copy
 * changes need no code) and sends it over SMTP, recording each message so the in-app feed can
 * show it and a redelivered event never sends twice.
 */
package dev.tollgate.notification;
