/**
 * Invitations by e-mail: a group admin (or member, where the group allows it) invites an address;
 * notification-service mails the link (from the sealed token in {@code community.invitation-sent.v1});
 * the addressee accepts or declines once; unanswered invitations expire. Tokens are random, single-use
 * and stored only as SHA-256.
 */
package dev.tollgate.community.invitation;
