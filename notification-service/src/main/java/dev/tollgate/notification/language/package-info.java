/**
 * Each user's notification preferences ({@code PUT /api/notifications/preferences/me}): the language
 * of the mail addressed to them (else the account's, else {@code tollgate.notification.mail.default-language},
 * Latin American Spanish for the Community Edition) and the non-essential categories they opted out of.
 */
package dev.tollgate.notification.language;
