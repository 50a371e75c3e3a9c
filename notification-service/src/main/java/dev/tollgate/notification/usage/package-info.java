/** Tells the customer when a usage limit is close (80 %), reached (100 %) or refused a request (quota exceeded), from entitlement-service's notices. */
package dev.tollgate.notification.usage;
