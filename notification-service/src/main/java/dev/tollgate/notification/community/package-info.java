/** Mail caused by community-service's events: the invitation e-mail with its accept link. */
package dev.tollgate.notification.community;
