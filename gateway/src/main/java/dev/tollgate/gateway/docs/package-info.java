/**
 * The one API description frontends read: {@code GET /v3/api-docs} merges the OpenAPI document each
 * service generates (springdoc, fetched from the service and cached) with the gateway's own endpoints
 * (webhook, development tokens, probes), at the paths a frontend calls through the gateway; a service
 * that cannot be reached is left out and named in the document. {@code GET /docs} is Swagger UI for it.
 * Both are public.
 */
package dev.tollgate.gateway.docs;
