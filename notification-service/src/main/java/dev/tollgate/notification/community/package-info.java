/** Mail caused by community-service's events: the invitation with its accept and decline links, and "invitation accepted" for the inviter. */
package dev.tollgate.notification.community;
