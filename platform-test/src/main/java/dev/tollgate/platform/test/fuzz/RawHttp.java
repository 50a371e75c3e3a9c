package dev.tollgate.platform.test.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over a plain socket that sends exactly the bytes it is given, for requests a
 * well-behaved client will not send. Every request is sent with {@code Connection: close}, so the
 * response is read to the end of the stream.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A request as it goes on the wire: request line, headers (in order, duplicates allowed) and body. */
    public record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

        public byte[] toBytes(String host) {
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host).append("\r\n");
            for (Map.Entry<String, String> header : headers) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[start.length + body.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(body, 0, all, start.length, body.length);
            return all;
        }

        /** Short enough for an assertion message, exact enough to see what was sent. */
        public String describe() {
            String shownTarget = target.length() > 120 ? target.substring(0, 120) + "...(" + target.length() + ")" : target;
            StringBuilder text = new StringBuilder(method + " " + shownTarget);
            for (Map.Entry<String, String> header : headers) {
                String value = header.getValue();
                text.append(" | ").append(header.getKey()).append(": ")
                        .append(value.length() > 60 ? value.substring(0, 60) + "...(" + value.length() + ")" : value);
            }
            return text.append(" | body ").append(body.length).append(" bytes").toString();
        }
    }

    /** A response: status, headers with lower-case names (last one wins) and the de-chunked body. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static Response send(String host, int port, Request request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toBytes(host + ":" + port));
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it read everything (an oversized request); read what it said.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no complete response within 20 s; got " + bytes.size() + " bytes", e);
        } catch (IOException e) {
            if (bytes.size() == 0) {
                throw e;
            }
            // A reset after the response was sent: keep what arrived.
        }
        return bytes.toByteArray();
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IOException("not an HTTP response: " + (text.length() > 200 ? text.substring(0, 200) : text));
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrlf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(body, start, Math.min(size, body.length - start));
            at = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
