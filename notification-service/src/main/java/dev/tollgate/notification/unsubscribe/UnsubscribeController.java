package dev.tollgate.notification.unsubscribe;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import dev.tollgate.notification.mail.OptOuts;
import dev.tollgate.notification.mail.UnsubscribeTokens;
import dev.tollgate.notification.mail.UnsubscribeTokens.Claims;
import dev.tollgate.platform.web.ApiProblem;

/**
 * {@code POST /api/notifications/unsubscribe?token=...} is the RFC 8058 one-click target (the mail
 * client posts {@code List-Unsubscribe=One-Click}); a public path, no login. A token works once: its
 * second use is a 410 problem ("already used", the address stays unsubscribed), as is an expired one,
 * so a person who clicks again learns what happened instead of a silent success. {@code GET} (a person
 * opening the link in a browser, or a mail scanner following it) only shows a button that posts, so
 * following a link never unsubscribes anybody.
 */
@RestController
class UnsubscribeController {

    private final UnsubscribeTokens tokens;
    private final OptOuts optOuts;
    private final JdbcClient jdbc;

    UnsubscribeController(UnsubscribeTokens tokens, OptOuts optOuts, JdbcClient jdbc) {
        this.tokens = tokens;
        this.optOuts = optOuts;
        this.jdbc = jdbc;
    }

    @PostMapping("/api/notifications/unsubscribe")
    @Transactional
    Unsubscribed unsubscribe(@RequestParam(required = false) String token) {
        Claims claims = valid(token);
        int first = jdbc.sql("INSERT INTO unsubscribe_use (token_hash) VALUES (:hash) ON CONFLICT DO NOTHING")
                .param("hash", claims.tokenHash()).update();
        if (first == 0) {
            throw new ApiProblem(HttpStatus.GONE, "Unsubscribe link already used",
                    "This link was used already: " + claims.email() + " receives no " + claims.category().key()
                            + " mail. Change it in your notification preferences.");
        }
        optOuts.optOut(claims.accountId(), claims.email(), claims.category());
        return new Unsubscribed(claims.email(), claims.category().key());
    }

    @GetMapping(path = "/api/notifications/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
        Claims claims = valid(token);
        String html = """
                <!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head><body>
                <form method="post" action="/api/notifications/unsubscribe?token=%s">
                <p>%s: %s</p><button type="submit">Unsubscribe / Darme de baja</button></form></body></html>"""
                .formatted(HtmlUtils.htmlEscape(token), HtmlUtils.htmlEscape(claims.email()),
                        HtmlUtils.htmlEscape(claims.category().key()));
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html);
    }

    private Claims valid(String token) {
        Claims claims = tokens.read(token);
        if (claims == null) {
            throw ApiProblem.badRequest("This unsubscribe link is not valid (altered or incomplete). Change your mail in your"
                    + " notification preferences instead.");
        }
        if (!Instant.now().isBefore(claims.expiresAt())) {
            throw new ApiProblem(HttpStatus.GONE, "Unsubscribe link expired",
                    "This link expired on " + claims.expiresAt() + ". Use the link of a newer mail or your notification"
                            + " preferences.");
        }
        return claims;
    }

    /** What the link did: the address no longer receives mail of {@code category}. */
    record Unsubscribed(String email, String category) {
    }
}
