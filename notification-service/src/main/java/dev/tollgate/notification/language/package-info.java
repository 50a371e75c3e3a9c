/**
 * The language each account reads its mail in: a stored preference ({@code PUT
 * /api/notifications/preferences/me}), else {@code tollgate.notification.mail.default-language}
 * (Latin American Spanish for the Community Edition).
 */
package dev.tollgate.notification.language;
