/**
 * First-response targets: how long a ticket may wait for an agent's first reply by plan and
 * priority, the job that announces tickets about to miss it ({@code ticket.response_due.v1}) and
 * those that missed it ({@code ticket.sla_breached.v1}), once across replicas, and the response
 * metrics operators watch.
 */
package dev.tollgate.ticket.sla;
