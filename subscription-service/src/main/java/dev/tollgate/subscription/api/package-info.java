/** The subscription read side: storage of the current state and {@code GET /api/subscriptions/me}. */
package dev.tollgate.subscription.api;
