package dev.tollgate.notification.mail;

import java.nio.charset.StandardCharsets;

/**
 * The Message-ID of the mail a cause (an event) produced with a template:
 * {@code <event id.template@domain>}. It is a function of the cause, not of the attempt, so a mail
 * sent twice (a relay that died between SMTP's acceptance and recording it) carries the same id
 * both times and mail clients and operators can recognise the copy.
 */
final class MessageId {

    private MessageId() {
    }

    static String of(String causeEventId, String template, String domain) {
        return "<" + atom(causeEventId) + "." + atom(template) + "@" + domain + ">";
    }

    /**
     * Keeps letters, digits and {@code -} (a UUID passes unchanged) and writes any other byte as
     * {@code _XX}, so the id stays a valid dot-atom and two different causes never share one.
     */
    private static String atom(String text) {
        StringBuilder atom = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                atom.append(c);
            } else {
                atom.append('_').append(String.format("%02X", b & 0xff));
            }
        }
        return atom.toString();
    }
}
