/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}) for every API, from every
 * layer: the controller advice for Spring MVC's exceptions, {@link dev.tollgate.platform.web.ProblemErrorController}
 * for the {@code /error} dispatch (instead of Boot's whitelabel page), and
 * {@link dev.tollgate.platform.web.ProblemErrorReportValve} for what Tomcat refuses before Spring sees
 * it. {@link dev.tollgate.platform.web.RepresentationHeadersFilter} refuses unreadable
 * {@code Content-Type}/{@code Accept}/{@code Content-Encoding} headers first, and
 * {@link dev.tollgate.platform.web.ClientMistakes} recognises client mistakes hidden in generic
 * exceptions. A client mistake gets a 4xx with a message that says what to fix; an unexpected
 * failure gets a 500 with no internals, and is logged with its stack trace for the operator.
 */
package dev.tollgate.platform.web;
