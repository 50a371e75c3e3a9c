/** Which billing events a customer hears about (payments succeeded, failed, waiting for 3-D Secure), and with which e-mail. */
package dev.tollgate.notification.billing;
