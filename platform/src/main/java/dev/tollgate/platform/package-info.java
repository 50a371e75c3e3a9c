/**
 * The shared kernel every Tollgate process links: how events look on the wire ({@code events}),
 * how a caller's identity travels from the gateway to a service ({@code identity}), how errors
 * look to a client ({@code web}) and how a poisoned Kafka record is parked ({@code kafka}).
 * It holds no business rule of any service; a rule that only one service needs lives there.
 */
package dev.tollgate.platform;
