package dev.tollgate.gateway.access;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

import dev.tollgate.platform.web.ProblemResponses;

/** The 401 problem of the edge, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
final class Unauthorized {

    private Unauthorized() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        ProblemResponses.write(response, 401, "Unauthorized", detail, request.getRequestURI());
    }
}
