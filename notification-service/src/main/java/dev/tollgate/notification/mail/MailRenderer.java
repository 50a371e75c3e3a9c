package dev.tollgate.notification.mail;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * Renders a message in one language from {@code mail/<language>/<template>.subject.mustache},
 * {@code .mustache} (plain text) and {@code .html.mustache}. One set of logic-less JMustache
 * templates per language (rather than one template with message keys) because the copy of a mail
 * is prose a translator edits as a whole; the numbers and dates in it come already formatted for
 * the locale by {@link MailFormats} (java.text / java.time with CLDR data, so no hand-written
 * formatting). No copy lives in Java: the model carries only the event's facts.
 */
@Component
public class MailRenderer {

    private final Mustache.Compiler text;
    private final Mustache.Compiler html;
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    public MailRenderer(Mustache.Compiler mustache) {
        // Plain text and subjects must not be HTML-escaped; the HTML part must be.
        this.text = mustache.escapeHTML(false);
        this.html = mustache.escapeHTML(true);
    }

    public RenderedMail render(String template, Locale locale, Map<String, Object> model) {
        String base = "mail/" + MailFormats.language(locale) + "/" + template;
        return new RenderedMail(template(text, base + ".subject.mustache").execute(model).strip(),
                template(text, base + ".mustache").execute(model),
                template(html, base + ".html.mustache").execute(model));
    }

    private Template template(Mustache.Compiler compiler, String path) {
        return compiled.computeIfAbsent((compiler == html ? "html:" : "text:") + path, key -> {
            ClassPathResource resource = new ClassPathResource(path);
            try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                return compiler.compile(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("missing e-mail template " + path, e);
            }
        });
    }
}
