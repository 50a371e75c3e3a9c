package dev.tollgate.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

/** A real SMTP server (GreenMail) that keeps every message, and a page that shows them, newest first. */
final class MailCatcher {

    private MailCatcher() {
    }

    static AutoCloseable start(int smtpPort, int webPort) throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
        web.createContext("/", exchange -> {
            byte[] page = page(smtp.getReceivedMessages()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        web.start();
        return () -> {
            web.stop(0);
            smtp.stop();
        };
    }

    private static String page(MimeMessage[] messages) {
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Tollgate mail</title>"
                + "<body style='font-family:sans-serif;max-width:60em;margin:auto'><h1>Mail caught: " + messages.length + "</h1>");
        for (int i = messages.length - 1; i >= 0; i--) {
            MimeMessage message = messages[i];
            try {
                html.append("<article style='border-top:1px solid #ccc;padding:1em 0'><b>")
                        .append(escape(message.getSubject())).append("</b><br>To: ")
                        .append(escape(String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList())))
                        .append("<br>From: ").append(escape(Arrays.toString(message.getFrom())))
                        .append("<pre style='white-space:pre-wrap'>").append(escape(GreenMailUtil.getBody(message)))
                        .append("</pre></article>");
            } catch (Exception e) {
                html.append("<p>unreadable message: ").append(escape(e.getMessage())).append("</p>");
            }
        }
        return html.append("</body>").toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
