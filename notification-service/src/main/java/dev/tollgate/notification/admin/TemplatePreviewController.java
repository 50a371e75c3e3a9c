package dev.tollgate.notification.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MessageSamples;
import dev.tollgate.notification.mail.RenderedMail;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/**
 * Lists the mail templates and renders any of them with its sample event in either language, as
 * the customer's mail client shows the HTML part. The sample goes through the same code as a real
 * event ({@link MessageSamples}), so what an admin reads here is what customers get.
 */
@RestController
class TemplatePreviewController {

    private final Map<String, MessageSamples> byTemplate = new TreeMap<>();

    TemplatePreviewController(List<MessageSamples> samples) {
        samples.forEach(component -> component.templates().forEach(template -> byTemplate.put(template, component)));
    }

    @GetMapping("/api/notifications/admin/templates")
    List<TemplateView> templates(CallerIdentity caller) {
        return byTemplate.keySet().stream().map(name -> new TemplateView(name, MailFormats.LANGUAGES,
                "/api/notifications/admin/templates/" + name + "/preview?lang=")).toList();
    }

    /** The HTML part, with the subject as its title; {@code format=text} gives the plain-text part instead. */
    @GetMapping(path = "/api/notifications/admin/templates/{name}/preview",
            produces = {MediaType.TEXT_HTML_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<String> preview(CallerIdentity caller, @PathVariable String name,
            @RequestParam(defaultValue = "es") String lang, @RequestParam(defaultValue = "html") String format) {
        MessageSamples samples = byTemplate.get(name);
        if (samples == null) {
            throw ApiProblem.notFound("No mail template " + name + "; GET /api/notifications/admin/templates lists them.");
        }
        Locale locale = MailFormats.localeOf(lang);
        if (locale == null) {
            throw ApiProblem.badRequest("lang must be one of " + MailFormats.LANGUAGES + ", not " + lang);
        }
        RenderedMail mail = samples.sample(name, locale);
        if ("text".equals(format)) {
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN,
                    StandardCharsets.UTF_8)).header("X-Mail-Subject", encode(mail.subject())).body(mail.text());
        }
        String html = mail.html().replaceFirst("<html>", "<html><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(mail.subject(), "UTF-8") + "</title></head>");
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("X-Mail-Subject", encode(mail.subject())).body(html);
    }

    /** A header value is ASCII: the subject percent-encoded (RFC 8187 style), readable by any client. */
    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One template: its name, its languages, and its preview path (append a language). */
    record TemplateView(String name, List<String> languages, String preview) {
    }
}
