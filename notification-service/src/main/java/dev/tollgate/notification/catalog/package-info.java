/**
 * The catalog's products (plans, add-ons, one-time purchases) as the mails need them (names, a plan's
 * limits, metadata such as a token pack's tokens), learned from billing's compacted catalog topic; and
 * the sample catalog the previews and message tests render with.
 */
package dev.tollgate.notification.catalog;
