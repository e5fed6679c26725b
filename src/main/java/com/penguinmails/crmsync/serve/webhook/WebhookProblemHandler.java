package com.penguinmails.crmsync.serve.webhook;

import com.penguinmails.crmsync.serve.ConditionalOnServe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a refused webhook delivery with an {@code application/problem+json} body (RFC 9457: type, title, status,
 * detail) and counts it ({@code crmsync.webhooks.refused{crm,reason}}).
 */
@RestControllerAdvice(assignableTypes = WebhookController.class)
@ConditionalOnServe
class WebhookProblemHandler {

    /** The base of the problem types; the reason follows it. */
    static final String TYPE_BASE = "https://penguinmails.com/problems/crm-sync/webhook-";

    private final MeterRegistry meters;

    WebhookProblemHandler(MeterRegistry meters) {
        this.meters = meters;
    }

    @ExceptionHandler(WebhookProblem.class)
    ResponseEntity<ProblemDetail> refused(WebhookProblem problem) {
        Counter.builder("crmsync.webhooks.refused")
                .description("webhook deliveries refused, by CRM and reason")
                .tag("crm", problem.crmTag())
                .tag("reason", problem.reason())
                .register(meters)
                .increment();
        HttpStatusCode status = HttpStatusCode.valueOf(problem.status());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, problem.getMessage());
        body.setType(URI.create(TYPE_BASE + problem.reason().replace('_', '-')));
        HttpStatus known = HttpStatus.resolve(problem.status());
        body.setTitle(known == null ? "Refused" : known.getReasonPhrase());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.status() == 429) {
            answer.header("Retry-After", "1");
        }
        return answer.body(body);
    }
}
