package dev.tollgate.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on an error that never reached Spring (a request line or header Tomcat refuses,
 * a URI it cannot normalise, TRACE): a problem detail instead of Tomcat's HTML page. Installed as the
 * host's error report valve by {@link TomcatProblemCustomizer}; it follows the checks of
 * {@link ErrorReportValve#report} so it never overwrites a body that was already written.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String detail;
        if (status == 501) {
            ProblemResponses.refuseMethod(response);
            response.setStatus(405);
            status = 405;
            detail = ProblemResponses.METHOD_DETAIL;
        } else {
            detail = status >= 500 ? "The server could not complete the request; try again later." : tomcatMessage(response);
        }
        byte[] body = ProblemResponses.body(status, null, detail, null);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(body, StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response is unusable; nothing more can be told to the client.
        }
    }

    private static String tomcatMessage(Response response) {
        String message = response.getMessage();
        if (message == null || message.isBlank()) {
            return "The request line, the URI or a header is malformed or too large.";
        }
        return message.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
