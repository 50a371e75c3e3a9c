/**
 * How every Tollgate process describes its API: springdoc generates an OpenAPI 3.1 document from the
 * controllers at {@code /v3/api-docs} (only {@code /api/**}, the paths the gateway routes), and this
 * package adds what all of them share: the bearer security scheme, the RFC 9457 problem schema and the
 * problems each operation can answer. The gateway merges the services' documents into the one document
 * frontends read.
 */
package dev.tollgate.platform.openapi;
