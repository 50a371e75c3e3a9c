/**
 * community-service: organizations, community groups, memberships and invitations. So far it
 * keeps its own projection of {@code entitlements.changed.v1} ({@code entitlement}): whether an
 * account may use the community, served at {@code GET /api/community/access/me}.
 */
package dev.tollgate.community;
