package dev.tollgate.notification.mail;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import com.samskivert.mustache.Mustache;

/** Renders {@code mail/<template>.mustache} and sends it, recording the message in the account's feed. */
@Component
public class Mailer {

    private final JavaMailSender sender;
    private final Mustache.Compiler mustache;
    private final MailSettings settings;
    private final JdbcClient jdbc;

    Mailer(JavaMailSender sender, Mustache.Compiler mustache, MailSettings settings, JdbcClient jdbc) {
        this.sender = sender;
        this.mustache = mustache;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    /**
     * Sends within the caller's transaction: if SMTP refuses, the transaction (and the inbox row)
     * rolls back and Kafka redelivers the event, so the e-mail is retried rather than lost.
     */
    public void send(String accountId, String eventId, String to, String subject, String template, Map<String, Object> model) {
        String body = mustache.compile(read("mail/" + template + ".mustache")).execute(model);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        jdbc.sql("""
                INSERT INTO notification (account_id, event_id, channel, recipient, template, subject, body)
                VALUES (:account, :event, 'email', :to, :template, :subject, :body)""")
                .param("account", accountId).param("event", eventId).param("to", to).param("template", template)
                .param("subject", subject).param("body", body)
                .update();
        sender.send(message);
    }

    private static Reader read(String path) {
        try {
            return new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing e-mail template " + path, e);
        }
    }
}
