package dev.tollgate.platform.web;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.multipart.MultipartException;

/**
 * Recognises exceptions that are caused by what the client sent although their type does not say
 * so (Tomcat's lazy parameter parsing throws an {@link IllegalStateException}, a malformed media
 * type an {@link IllegalArgumentException}). Used by the controller advice and the {@code /error}
 * dispatch, so such a request is a 400 problem wherever it fails, never a 500.
 */
public final class ClientMistakes {

    private ClientMistakes() {
    }

    /** The client-facing problem for {@code error}, if anything in its cause chain is a client mistake. */
    public static Optional<Mistake> of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidParameterException) {
                return Optional.of(new Mistake(HttpStatus.BAD_REQUEST, "Malformed parameters",
                        "The query string or form body could not be parsed (check its percent-encoding and '=' separators)."));
            }
            if (cause instanceof InvalidMimeTypeException mime) {
                return Optional.of(new Mistake(HttpStatus.BAD_REQUEST, "Malformed media type",
                        "A Content-Type or Accept header is not a valid media type: " + safe(mime.getMimeType()) + "."));
            }
            if (cause instanceof HttpMessageNotReadableException unreadable) {
                return Optional.of(new Mistake(HttpStatus.BAD_REQUEST, UnreadableBody.TITLE,
                        UnreadableBody.describe(unreadable)));
            }
            if (cause instanceof UnsupportedCharsetException || cause instanceof IllegalCharsetNameException) {
                return Optional.of(new Mistake(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported charset",
                        "The request names a charset this server does not know."));
            }
            if (cause instanceof MultipartException) {
                return Optional.of(new Mistake(HttpStatus.BAD_REQUEST, "Malformed multipart body",
                        "The multipart body could not be read (is the boundary missing?)."));
            }
            if (cause.getClass().getName().equals("org.springframework.security.web.firewall.RequestRejectedException")) {
                return Optional.of(new Mistake(HttpStatus.BAD_REQUEST, "Request rejected", safe(cause.getMessage())));
            }
        }
        return Optional.empty();
    }

    static String safe(String text) {
        if (text == null) {
            return "";
        }
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** A client mistake: its status and what to tell the client. */
    public record Mistake(HttpStatus status, String title, String detail) {
    }
}
