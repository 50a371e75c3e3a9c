/**
 * Organizations and their community groups: the seed file applied at start ({@code community/seed.yml}),
 * browsing ({@code GET /api/community/groups}, {@code /groups/{slug}}, {@code /industries}), the
 * organization admins' administration (create, update, archive) and the audit trail every
 * administrative action writes. Publishes {@code community.group-created.v1}.
 */
package dev.tollgate.community.group;
