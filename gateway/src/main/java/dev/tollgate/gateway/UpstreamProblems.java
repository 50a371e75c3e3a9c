package dev.tollgate.gateway;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;

/** A service behind the gateway that cannot be reached is the platform's fault, not the client's: 503, retry later. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UpstreamProblems {

    private static final Logger log = LoggerFactory.getLogger(UpstreamProblems.class);

    @ExceptionHandler(ResourceAccessException.class)
    ProblemDetail unreachable(ResourceAccessException e, HttpServletRequest request) {
        log.warn("Upstream for {} is unreachable: {}", request.getRequestURI(), e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The service behind " + request.getRequestURI() + " is not reachable right now; try again shortly.");
        problem.setTitle("Service unavailable");
        return problem;
    }
}
