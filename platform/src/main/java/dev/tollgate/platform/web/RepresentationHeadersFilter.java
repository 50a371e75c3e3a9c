package dev.tollgate.platform.web;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Content-Type}, {@code Content-Encoding} or {@code Accept} cannot be
 * understood, before any other code reads them: Spring and Tomcat parse these headers lazily in many
 * places, and a broken one there surfaces as an {@link IllegalArgumentException} (a 500) or as an
 * error answer that cannot be written (an empty body). A {@code Content-Type} must name one concrete
 * type with a known charset, and a multipart type its boundary; no Tollgate API takes a compressed
 * request body (RFC 9110: 415 for an unsupported content coding); an {@code Accept} must parse.
 */
public class RepresentationHeadersFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            String refusal = contentTypeRefusal(contentType);
            if (refusal != null) {
                ProblemResponses.write(response, 415, "Unsupported media type", refusal, null);
                return;
            }
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            response.setHeader("Accept-Encoding", "identity");
            ProblemResponses.write(response, 415, "Unsupported content encoding",
                    "Request bodies are taken uncompressed; send them without Content-Encoding.", null);
            return;
        }
        for (String accept : java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException e) {
                ProblemResponses.write(response, 400, "Malformed Accept header",
                        "The Accept header is not a list of media types: " + e.getMessage(), null);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String contentTypeRefusal(String contentType) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return "The Content-Type header is not a media type: " + e.getMessage();
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "The Content-Type header must name the body's concrete media type, not a wildcard.";
        }
        if (type.getType().equals("multipart") && (type.getParameter("boundary") == null
                || type.getParameter("boundary").isBlank())) {
            return "A multipart Content-Type needs its boundary parameter.";
        }
        String charset = type.getParameter("charset");
        if (charset != null) {
            try {
                Charset.forName(charset.replace("\"", ""));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                return "The Content-Type names a charset this server does not know.";
            }
        }
        return null;
    }
}
