/** Which subscription lifecycle events a customer hears about, and with which e-mail. */
package dev.tollgate.notification.subscription;
