package dev.tollgate.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own exceptions (bad JSON, missing parameter, unknown path, wrong method...)
 * become problem details through {@link ResponseEntityExceptionHandler}, an unreadable body naming
 * the field at fault ({@link UnreadableBody}); {@link ApiProblem}s
 * carry their own; what {@link ClientMistakes} recognises is a 400; anything else is a 500 that
 * reveals nothing about the server.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, UnreadableBody.describe(unreadable));
        problem.setTitle(UnreadableBody.TITLE);
        return handleExceptionInternal(unreadable, problem, headers, status, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        ClientMistakes.Mistake mistake = ClientMistakes.of(e).orElse(null);
        if (mistake != null) {
            log.debug("Client mistake: {}", e.toString());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(mistake.status(), mistake.detail());
            problem.setTitle(mistake.title());
            return problem;
        }
        log.error("Unhandled error while serving a request", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server could not complete the request. It has been logged; try again later.");
        problem.setTitle("Internal error");
        return problem;
    }
}
