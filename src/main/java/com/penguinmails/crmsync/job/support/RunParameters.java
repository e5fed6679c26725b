package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.Shard;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What one run of a job covers, as Spring Batch job parameters. {@code shard}, {@code tenants} and {@code asOf} are
 * identifying: each launch is a new job instance, and a restart reuses them, so it computes exactly what the failed
 * run would have. {@code concurrency} is not identifying: a restart may use another.
 *
 * @param tenants     tenant ids to narrow the run to; empty means every active tenant of the shard
 * @param connections connection ids to narrow a per-connection job to; empty means all of the tenants'
 * @param shard       the slice of tenants this run owns
 * @param concurrency partitions run at once
 * @param asOf        the instant the run computes as of (time decay, date windows)
 * @param backfill    for a backfill, the direction it covers ({@code inbound}, {@code outbound}, {@code both}),
 *                    ignoring watermarks; null for a regular run
 * @param dryRun      read and decide, write nothing to either side (jobs that support it report what would change)
 * @param since       for a backfill, the time it starts from instead of the beginning: inbound reads records the CRM
 *                    modified since then, outbound the contacts marked changed since then; null for all
 * @param due         a scheduled run ({@code run --due}): connections whose sync frequency says they are not due yet
 *                    are left out (see {@link DueConnections}); a run without it syncs every selected connection
 */
public record RunParameters(List<String> tenants, List<Long> connections, Shard shard, int concurrency,
                            Instant asOf, @Nullable String backfill, boolean dryRun, @Nullable Instant since,
                            boolean due) {

    public static final String TENANTS = "tenants";
    public static final String CONNECTIONS = "connections";
    public static final String SHARD = "shard";
    public static final String CONCURRENCY = "concurrency";
    public static final String AS_OF = "asOf";
    /** {@code true} on a dry run: read and decide, write nothing to either side. */
    public static final String DRY_RUN = "dryRun";
    /** Set on a backfill: {@code inbound}, {@code outbound} or {@code both}; watermarks are ignored. */
    public static final String BACKFILL = "backfill";
    /** Set on a backfill {@code --since}: the ISO-8601 instant the backfill starts from. */
    public static final String SINCE = "since";
    /** {@code true} on a scheduled run that leaves out connections not yet due ({@code run --due}). */
    public static final String DUE = "due";

    public RunParameters(List<String> tenants, Shard shard, int concurrency, Instant asOf) {
        this(tenants, List.of(), shard, concurrency, asOf, null, false);
    }

    public RunParameters(List<String> tenants, List<Long> connections, Shard shard, int concurrency, Instant asOf) {
        this(tenants, connections, shard, concurrency, asOf, null, false);
    }

    public RunParameters(List<String> tenants, List<Long> connections, Shard shard, int concurrency, Instant asOf,
                         @Nullable String backfill) {
        this(tenants, connections, shard, concurrency, asOf, backfill, false);
    }

    public RunParameters(List<String> tenants, List<Long> connections, Shard shard, int concurrency, Instant asOf,
                         @Nullable String backfill, boolean dryRun) {
        this(tenants, connections, shard, concurrency, asOf, backfill, dryRun, null);
    }

    public RunParameters(List<String> tenants, List<Long> connections, Shard shard, int concurrency, Instant asOf,
                         @Nullable String backfill, boolean dryRun, @Nullable Instant since) {
        this(tenants, connections, shard, concurrency, asOf, backfill, dryRun, since, false);
    }

    public RunParameters {
        tenants = List.copyOf(tenants);
        connections = List.copyOf(connections);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (since != null && backfill == null) {
            throw new IllegalArgumentException("since is a backfill's start; a regular run starts from its watermarks");
        }
        if (due && backfill != null) {
            throw new IllegalArgumentException("a backfill syncs its connection whether due or not");
        }
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(TENANTS, String.join(",", tenants), true)
                .addString(SHARD, shard.toString(), true)
                .addString(AS_OF, asOf.toString(), true)
                .addLong(CONCURRENCY, (long) concurrency, false);
        if (backfill != null) {
            builder.addString(BACKFILL, backfill, true);
        }
        if (since != null) {
            builder.addString(SINCE, since.toString(), true);
        }
        if (dryRun) {
            builder.addString(DRY_RUN, "true", true);
        }
        if (due) {
            builder.addString(DUE, "true", true);
        }
        if (!connections.isEmpty()) {
            builder.addString(CONNECTIONS, connections.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")), true);
        }
        return builder.toJobParameters();
    }

    public static RunParameters from(JobParameters parameters) {
        String tenants = parameters.getString(TENANTS, "");
        String connections = parameters.getString(CONNECTIONS, "");
        return new RunParameters(
                tenants.isEmpty() ? List.of() : Arrays.asList(tenants.split(",")),
                connections.isEmpty() ? List.of() : Arrays.stream(connections.split(",")).map(Long::valueOf).toList(),
                Shard.parse(parameters.getString(SHARD, Shard.ALL.toString())),
                parameters.getLong(CONCURRENCY, 1L).intValue(),
                Instant.parse(parameters.getString(AS_OF)),
                parameters.getString(BACKFILL),
                "true".equals(parameters.getString(DRY_RUN, "false")),
                since(parameters),
                "true".equals(parameters.getString(DUE, "false")));
    }

    /** The {@value #SINCE} parameter of a backfill, if given. */
    public static @Nullable Instant since(JobParameters parameters) {
        String since = parameters.getString(SINCE, "");
        return since.isEmpty() ? null : Instant.parse(since);
    }
}
