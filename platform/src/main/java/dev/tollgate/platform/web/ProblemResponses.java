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

    public static void write(HttpServletResponse response, int status, String title, String detail, String instance)
            throws IOException {
        if (status == 501) {
            refuseMethod(response);
            status = 405;
            title = null;
            detail = METHOD_DETAIL;
        }
        byte[] body = body(status, title, detail, instance);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /**
     * Tomcat and {@code HttpServlet} answer a method they do not know (CONNECT, PROPFIND, a made-up
     * one) with 501, which reads as the server's fault; to the client it is a 405 like any other
     * method the path does not take.
     */
    public static final String METHOD_DETAIL = "This method is not supported; use one of the methods in the Allow header.";

    public static void refuseMethod(HttpServletResponse response) {
        response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
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
