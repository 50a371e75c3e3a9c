package dev.tollgate.platform.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Spring Boot's {@code BasicErrorController} (and its whitelabel page): whatever reaches
 * the {@code /error} dispatch (a {@code sendError} from a filter, an exception no advice handled)
 * is answered as a problem detail, written directly so neither the method nor the {@code Accept}
 * header can make the error answer itself fail. Client mistakes hidden in a 500 become 400s.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (code == null) {
            // Asked for directly, not dispatched after an error.
            ProblemResponses.write(response, 404, null, "There is nothing at this path.", request.getRequestURI());
            return;
        }
        int status = code instanceof Integer number ? number : 500;
        ClientMistakes.Mistake mistake = error == null ? null : ClientMistakes.of(error).orElse(null);
        if (mistake != null) {
            ProblemResponses.write(response, mistake.status().value(), mistake.title(), mistake.detail(), uri);
        } else if (error instanceof ErrorResponse answer && answer.getStatusCode().is4xxClientError()) {
            ProblemResponses.write(response, answer.getStatusCode().value(), answer.getBody().getTitle(),
                    answer.getBody().getDetail(), uri);
        } else if (status >= 500) {
            if (error != null) {
                log.error("Unhandled error while serving {}", uri, error);
            }
            ProblemResponses.write(response, status, null,
                    "The server could not complete the request. It has been logged; try again later.", uri);
        } else {
            ProblemResponses.write(response, status, null, detail(status, request), uri);
        }
    }

    private static String detail(int status, HttpServletRequest request) {
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        if (message instanceof String text && !text.isBlank()) {
            return text;
        }
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "This request needs valid credentials.";
            case 403 -> "The caller may not do this.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This method is not supported at this path.";
            default -> ProblemResponses.titleOf(status) + ".";
        };
    }
}
