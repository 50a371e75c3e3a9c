/**
 * entitlement-service: what each account may do. {@code catalog}: what each plan grants, as
 * billing's catalog says. {@code plan}: which subscription statuses keep the grant. {@code grant}:
 * follows subscription events, keeps each account's current entitlements, publishes
 * {@code entitlements.changed.v1} when they change and serves {@code GET /api/entitlements/me}.
 */
package dev.tollgate.entitlement;
