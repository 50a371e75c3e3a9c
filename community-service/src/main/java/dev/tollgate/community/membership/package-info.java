/**
 * Memberships: join and leave (gated by community access), group admins' promote and remove
 * (audited), and the suspension of an account's memberships while it has no community access
 * (kept, hidden, not counted; active again when access returns). Publishes
 * {@code community.member-joined.v1} and {@code community.member-left.v1}.
 */
package dev.tollgate.community.membership;
