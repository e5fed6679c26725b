package com.penguinmails.crmsync.serve.api.configure;

import com.penguinmails.crmsync.admin.ConfigurationRefusedException;
import com.penguinmails.crmsync.serve.api.ApiProblem;

/** Turns a refused configuration change into the API's 400 problem, one {@code errors} entry per field. */
final class ConfigurationProblems {

    private ConfigurationProblems() {
    }

    static ApiProblem.Invalid invalid(ConfigurationRefusedException refused) {
        return new ApiProblem.Invalid(refused.getMessage(), refused.problems().stream()
                .map(p -> new ApiProblem.FieldError(p.field(), p.problem())).toList());
    }
}
