/**
 * entitlement-service: what each account may do and how much of it is used. {@code catalog}: the
 * products of billing's catalog. {@code plan}: pure domain, what (plan, status, add-ons) grant and
 * the periods meters count in. {@code grant}: follows subscription events, keeps each account's
 * current entitlements (served from memory), publishes {@code entitlements.changed.v1} when they
 * change. {@code meter}: the metering API (check, consume, reservations, gauges, credits) and its
 * threshold and quota notices.
 */
package dev.tollgate.entitlement;
