/** Tells the customer when a usage limit is close (80 %) or reached (100 %), from entitlement-service's notices. */
package dev.tollgate.notification.usage;
