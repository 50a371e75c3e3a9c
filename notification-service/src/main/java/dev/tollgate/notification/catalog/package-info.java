/** The names of the catalog's products (plans, add-ons, one-time purchases), learned from billing's compacted catalog topic, for mails. */
package dev.tollgate.notification.catalog;
