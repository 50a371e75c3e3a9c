/**
 * Which billing events a customer hears about (payments succeeded, failed, waiting for 3-D Secure;
 * one-time purchases: the Build Sprint's confirmation and token pack receipts), and with which e-mail.
 */
package dev.tollgate.notification.billing;
