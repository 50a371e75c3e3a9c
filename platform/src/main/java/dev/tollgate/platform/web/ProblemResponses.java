package dev.tollgate.platform.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem detail where no controller advice can reach: servlet filters, the {@code /error}
 * dispatch and Tomcat's own error reporting. The body is built here field by field so it is the same
 * RFC 9457 shape whichever layer answers, and never depends on content negotiation.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    /** Kept for callers that hold Spring's mapper; the body is the same as {@link #write(HttpServletResponse, int, String, String, String)}. */
    public static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String title, String detail,
            String instance) throws IOException {
        write(response, status.value(), title, detail, instance);
    }

    public static void write(HttpServletResponse response, int status, String title, String detail, String instance)
            throws IOException {
        byte[] body = body(status, title, detail, instance);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The JSON of a problem detail; {@code instance} is left out when it is not a valid URI reference (a rejected path). */
    public static byte[] body(int status, String title, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title == null ? titleOf(status) : title);
        problem.put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        if (instance != null && isUriReference(instance)) {
            problem.put("instance", instance);
        }
        return JSON.writeValueAsBytes(problem);
    }

    /** The standard reason phrase of a status, the default title of a problem. */
    public static String titleOf(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    private static boolean isUriReference(String candidate) {
        if (candidate.length() > 2048) {
            return false;
        }
        try {
            new URI(candidate);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
