/**
 * community-service: organizations and their community groups ({@code group}: seed, browsing,
 * administration, audit), memberships ({@code membership}: join, leave, promote, remove, and
 * suspension while an account has no community access), invitations by e-mail ({@code invitation}),
 * and the projection of {@code entitlements.changed.v1} that says whether an account may use the
 * community ({@code entitlement}).
 */
package dev.tollgate.community;
