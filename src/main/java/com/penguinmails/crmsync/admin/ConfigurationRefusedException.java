package com.penguinmails.crmsync.admin;

import com.penguinmails.crmsync.core.InvalidRequestException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration change refused as a whole, with every problem found, each naming its field ({@code objects},
 * {@code fieldMap[2].crmField}); nothing was stored. Its message lists them all on one line.
 */
public class ConfigurationRefusedException extends InvalidRequestException {

    /** One problem: the field (setting key, or {@code fieldMap[i].<attribute>}) and what is wrong with it. */
    public record Problem(String field, String problem) {
    }

    private final List<Problem> problems;

    public ConfigurationRefusedException(List<Problem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.problem()).collect(Collectors.joining("; "))
                + "; nothing was stored");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
