package com.penguinmails.crmsync.serve.webhook;

import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.ServeProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one webhook endpoint: {@code POST /webhooks/<crm>} (CRMs that deliver every account's events to one address)
 * and {@code POST /webhooks/<crm>/<connection id>} (one address per connection). Answers 200 {@code {"stored":n}}
 * once the notices are stored; 413 for a body over {@code crmsync.serve.max-body-size}; 429 when more deliveries
 * than {@code crmsync.serve.max-concurrent-deliveries} are being handled. The URL handed on is the one the CRM called
 * (scheme and host from {@code X-Forwarded-Proto/Host} behind the Ingress): signatures cover it.
 */
@RestController
@ConditionalOnServe
class WebhookController {

    private final WebhookIntake intake;
    private final DeliveryGate gate;
    private final long maxBodySize;

    WebhookController(WebhookIntake intake, ServeProperties properties) {
        this.intake = intake;
        this.gate = new DeliveryGate(properties.maxConcurrentDeliveries());
        this.maxBodySize = properties.maxBodySize().toBytes();
    }

    @PostMapping("/webhooks/{crm}")
    ResponseEntity<Map<String, Integer>> perApp(@PathVariable String crm, HttpServletRequest request)
            throws IOException {
        return receive(crm, null, request);
    }

    @PostMapping("/webhooks/{crm}/{connection}")
    ResponseEntity<Map<String, Integer>> perConnection(@PathVariable String crm, @PathVariable String connection,
                                                       HttpServletRequest request) throws IOException {
        return receive(crm, connection, request);
    }

    private ResponseEntity<Map<String, Integer>> receive(String crm, @Nullable String connection,
                                                         HttpServletRequest request) throws IOException {
        if (!gate.tryEnter()) {
            throw new WebhookProblem(429, "too_many", intake.crmTag(crm),
                    "more than " + gate.limit() + " webhook deliveries at once; retry later");
        }
        try {
            byte[] body = body(crm, request);
            int stored = intake.receive(crm, connection, request.getMethod(), url(request), headers(request), body);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("stored", stored));
        } finally {
            gate.leave();
        }
    }

    /** The raw body, refused (413) when over the limit, by its Content-Length or as it is read. */
    private byte[] body(String crm, HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodySize) {
            throw tooLarge(crm);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
            if (body.length > maxBodySize) {
                throw tooLarge(crm);
            }
            return body;
        }
    }

    private WebhookProblem tooLarge(String crm) {
        return new WebhookProblem(413, "too_large", intake.crmTag(crm),
                "the body is larger than the " + maxBodySize + " bytes accepted (crmsync.serve.max-body-size)");
    }

    /** The URL as the CRM called it (the forwarded-header filter has put the Ingress's scheme and host in). */
    private static URI url(HttpServletRequest request) {
        String query = request.getQueryString();
        String url = request.getRequestURL() + (query == null ? "" : "?" + query);
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new WebhookProblem(400, "malformed", WebhookIntake.UNKNOWN_CRM, "the request URL is not a valid URI");
        }
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }
}
