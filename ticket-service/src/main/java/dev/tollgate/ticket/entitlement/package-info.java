/** The monthly priority-ticket allowance as entitlement-service last granted it (feature {@code priority_support_tickets}). */
package dev.tollgate.ticket.entitlement;
