package dev.tollgate.notification.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from the sender address
 * @param brand the product name customers know, used in subjects and bodies
 * @param appUrl the product's base URL for links in e-mails
 * @param messageIdDomain the right-hand side of every Message-ID we mint; by default the domain of {@code from}
 */
@ConfigurationProperties("tollgate.notification.mail")
public record MailSettings(String from, String brand, String appUrl, String messageIdDomain) {

    public MailSettings {
        if (messageIdDomain == null || messageIdDomain.isBlank()) {
            messageIdDomain = domainOf(from);
        }
    }

    private static String domainOf(String from) {
        try {
            String address = new InternetAddress(from).getAddress();
            return address.substring(address.indexOf('@') + 1);
        } catch (AddressException e) {
            throw new IllegalArgumentException("tollgate.notification.mail.from is not an e-mail address: " + from, e);
        }
    }
}
