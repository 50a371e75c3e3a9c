package dev.tollgate.notification.community;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MailSettings;
import dev.tollgate.notification.mail.MessageSamples;
import dev.tollgate.notification.mail.RenderedMail;

/**
 * The localized community mails: the invitation (accept and decline links, both carrying the
 * invitation's single-use token) and "your invitation was accepted" for the inviter.
 */
@Component
public class CommunityMessages implements MessageSamples {

    static final String INVITATION = "community-invitation";
    static final String ACCEPTED = "invitation-accepted";

    private final MailRenderer renderer;
    private final MailSettings settings;

    public CommunityMessages(MailRenderer renderer, MailSettings settings) {
        this.renderer = renderer;
        this.settings = settings;
    }

    RenderedMail invitation(String groupName, String token, Instant expiresAt, Locale locale) {
        Map<String, Object> model = base();
        model.put("groupName", groupName);
        String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
        model.put("acceptUrl", settings.appUrl() + "/invitations/accept?token=" + encoded);
        model.put("declineUrl", settings.appUrl() + "/invitations/decline?token=" + encoded);
        if (expiresAt != null) {
            model.put("expiresOn", MailFormats.date(expiresAt, locale));
        }
        return renderer.render(INVITATION, locale, model);
    }

    /** {@code groupName} and {@code invitee} as the invitation mail named them; null when it was sent before we kept them. */
    RenderedMail accepted(String groupName, String groupSlug, String invitee, Locale locale) {
        Map<String, Object> model = base();
        model.put("groupName", groupName != null ? groupName : groupSlug);
        if (invitee != null) {
            model.put("invitee", invitee);
        }
        model.put("groupUrl", settings.appUrl() + "/groups/" + (groupSlug == null ? "" : groupSlug));
        return renderer.render(ACCEPTED, locale, model);
    }

    private Map<String, Object> base() {
        Map<String, Object> model = new HashMap<>();
        model.put("brand", settings.brand());
        model.put("appUrl", settings.appUrl());
        return model;
    }

    @Override
    public List<String> templates() {
        return List.of(INVITATION, ACCEPTED);
    }

    /** Samples: an invitation to "El Club de la IA" until December 20, 2026, and Ana accepting it. */
    @Override
    public RenderedMail sample(String template, Locale locale) {
        return INVITATION.equals(template)
                ? invitation("El Club de la IA", "sample-token", Instant.parse("2026-12-20T10:00:00Z"), locale)
                : accepted("El Club de la IA", "el-club-de-la-ia", "ana@example.com", locale);
    }
}
