/**
 * One-click unsubscribe (RFC 8058) without logging in: the signed, expiring token of a non-essential
 * mail's {@code List-Unsubscribe} link opts its address out of that mail's category, once.
 */
package dev.tollgate.notification.unsubscribe;
