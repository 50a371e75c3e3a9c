/**
 * Administration of the notifications: the preview of every mail template in either language with
 * sample data, so a person can read each message before customers do. Role {@code platform_admin} only.
 */
package dev.tollgate.notification.admin;
