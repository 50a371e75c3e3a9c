package dev.tollgate.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.web.util.HtmlUtils;

import com.samskivert.mustache.Mustache;

/** The renderer and settings as the service builds them, without a Spring context, and the checks every message test makes. */
public final class MailFixtures {

    public static final MailSettings SETTINGS = new MailSettings("LATAMLAB.AI <hello@latamlab.ai>", "LATAMLAB.AI",
            "https://latamlab.ai", null);

    private MailFixtures() {
    }

    /** The plain-text part of a sent mail, wherever MimeMessageHelper nested it. */
    public static String textPart(jakarta.mail.Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = textPart(multipart.getBodyPart(i));
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static MailRenderer renderer() {
        return new MailRenderer(Mustache.compiler());
    }

    /** Each fact is in the plain-text part and (as the reader sees it: tags dropped, entities decoded) in the HTML part. */
    public static void assertBothPartsCarry(RenderedMail mail, String... facts) {
        String html = HtmlUtils.htmlUnescape(mail.html().replaceAll("<[^>]+>", ""));
        for (String fact : facts) {
            assertThat(mail.text()).as("plain-text part").contains(fact);
            assertThat(html).as("HTML part").contains(fact);
        }
        assertThat(mail.html()).startsWith("<html>");
        assertThat(mail.text()).doesNotContain("<p>", "{{", "}}");
    }
}
