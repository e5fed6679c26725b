package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.serve.ConditionalOnServe;
import com.penguinmails.crmsync.serve.api.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page shares: the formatter ({@code fmt}), the CSRF token loaded before the page renders (its
 * cookie must be set before the response is committed), and refusals shown as pages: a connection or tenant the caller
 * may not see is the 404 page, a bad request the problem page with its status and reason.
 */
@ControllerAdvice(basePackages = "com.penguinmails.crmsync.serve.console")
@ConditionalOnServe
class ConsolePageAdvice {

    private static final ConsoleFormat FORMAT = new ConsoleFormat();

    @ModelAttribute
    void common(Model model, @Nullable CsrfToken csrf) {
        model.addAttribute("fmt", FORMAT);
        if (csrf != null) {
            csrf.getToken();
        }
    }

    @ExceptionHandler(ApiProblem.NotFound.class)
    String notFound(ApiProblem.NotFound problem, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("fmt", FORMAT);
        model.addAttribute("detail", problem.getMessage());
        return "console/not-found";
    }

    @ExceptionHandler(ApiProblem.class)
    String refused(ApiProblem problem, HttpServletResponse response, Model model) {
        return problem(problem.status(), problem.getMessage(), response, model);
    }

    @ExceptionHandler(InvalidRequestException.class)
    String invalid(InvalidRequestException e, HttpServletResponse response, Model model) {
        return problem(HttpServletResponse.SC_BAD_REQUEST, e.getMessage(), response, model);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String mismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response, Model model) {
        return problem(HttpServletResponse.SC_BAD_REQUEST, e.getName() + ": '" + e.getValue()
                + "' is not a valid value", response, model);
    }

    private static String problem(int status, @Nullable String detail, HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("fmt", FORMAT);
        model.addAttribute("status", status);
        model.addAttribute("detail", detail == null ? "the request was refused" : detail);
        return "console/problem";
    }
}
