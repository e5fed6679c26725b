package com.penguinmails.crmsync.serve.api;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers every refused {@code /api/v1} call with {@code application/problem+json} (RFC 9457): {@link ApiProblem}s
 * with their status, a domain refusal ({@link InvalidRequestException}: an unknown tenant, a bad setting) as 400, and
 * a malformed request (unreadable JSON, a parameter of the wrong type) as 400 naming what was wrong.
 */
@RestControllerAdvice(basePackages = "com.penguinmails.crmsync.serve.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnServe
class ApiProblemHandler {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> refused(ApiProblem problem) {
        ProblemDetail body = problem(problem.status(), problem.reason(), problem.getMessage());
        if (problem instanceof ApiProblem.Invalid invalid) {
            body.setProperty("errors", invalid.errors());
        }
        return answer(body);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return answer(problem(400, "invalid-request", e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail body = problem(400, "invalid-request", e.getName() + ": '" + e.getValue() + "' is not a valid "
                + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName()));
        body.setProperty("errors", List.of(new ApiProblem.FieldError(e.getName(), "not a valid value")));
        return answer(body);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        ProblemDetail body = problem(400, "invalid-request", e.getParameterName() + ": required");
        body.setProperty("errors", List.of(new ApiProblem.FieldError(e.getParameterName(), "required")));
        return answer(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        String cause = e.getMostSpecificCause().getMessage();
        String first = cause == null ? "" : cause.lines().findFirst().orElse("");
        return answer(problem(400, "unreadable-body", "the request body is not the JSON this call takes"
                + (first.isBlank() ? "" : ": " + first)));
    }

    static ProblemDetail problem(int status, String reason, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        body.setType(URI.create(ApiProblem.TYPE_BASE + reason));
        body.setTitle(HttpStatus.valueOf(status).getReasonPhrase());
        return body;
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail body) {
        return ResponseEntity.status(body.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
