package dev.tollgate.notification.mail;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.tollgate.platform.test.FreePorts;

/** A real SMTP server (GreenMail) on a fixed loopback port that a test can stop and start again, as in an outage. */
public final class SmtpServer {

    private final int port = FreePorts.next();
    private GreenMail greenMail;

    public SmtpServer() {
        start();
    }

    /** Points the service's mail sender at this server. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
    }

    public synchronized void start() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    /** Stops the server: connections are refused until {@link #start()}, and what it received is forgotten. */
    public synchronized void stop() {
        greenMail.stop();
        greenMail = null;
    }

    public synchronized boolean running() {
        return greenMail != null;
    }

    public synchronized List<MimeMessage> mailsTo(String address) {
        if (greenMail == null) {
            return List.of();
        }
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
