/** Rendering (JMustache, a well-kept logic-less template engine) and SMTP delivery of e-mails, and their record. */
package dev.tollgate.notification.mail;
