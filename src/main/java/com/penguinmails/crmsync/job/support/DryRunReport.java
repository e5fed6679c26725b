package com.penguinmails.crmsync.job.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * What a {@code --dry-run} would have changed, per job execution: counts per connection, object and action
 * ({@code create in penguinmails}, {@code update in crm} ...) and a few record keys of each, for the CLI to print.
 * Dry runs write nothing to either side; this report lives in memory for the process that ran them.
 */
@Component
public class DryRunReport {

    /** Records a dry run would change for one connection, object and action, and the first few of their keys. */
    public record Line(String connection, String objectType, String action, int count, List<String> sample) {
    }

    private static final int SAMPLE = 5;

    private final ConcurrentMap<Long, ConcurrentMap<String, Line>> byExecution = new ConcurrentHashMap<>();

    /** Adds {@code keys} to the count of this connection, object and action. */
    public void add(long jobExecutionId, String connection, String objectType, String action, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        byExecution.computeIfAbsent(jobExecutionId, id -> new ConcurrentHashMap<>())
                .merge(connection + "|" + objectType + "|" + action,
                        new Line(connection, objectType, action, keys.size(),
                                keys.subList(0, Math.min(SAMPLE, keys.size()))),
                        (a, b) -> {
                            List<String> sample = new ArrayList<>(a.sample());
                            b.sample().stream().limit(Math.max(0, SAMPLE - sample.size())).forEach(sample::add);
                            return new Line(a.connection(), a.objectType(), a.action(), a.count() + b.count(), sample);
                        });
    }

    /** The lines of an execution, sorted. */
    public List<Line> lines(long jobExecutionId) {
        Map<String, Line> lines = new TreeMap<>(byExecution.getOrDefault(jobExecutionId, new ConcurrentHashMap<>()));
        return List.copyOf(lines.values());
    }
}
