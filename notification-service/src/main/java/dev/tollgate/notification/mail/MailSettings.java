package dev.tollgate.notification.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from the sender address
 * @param brand the product name customers know, used in subjects and bodies
 * @param appUrl the product's base URL for links in e-mails
 */
@ConfigurationProperties("tollgate.notification.mail")
public record MailSettings(String from, String brand, String appUrl) {
}
