/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}) for every API: a
 * client mistake gets a 4xx with a message that says what to fix; an unexpected failure gets a
 * 500 with no internals, and is logged with its stack trace for the operator.
 */
package dev.tollgate.platform.web;
