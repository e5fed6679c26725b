package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.job.contactsync.ContactSyncJobConfiguration;
import com.penguinmails.crmsync.job.support.JobRunner;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.core.InvalidRequestException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backfill}: contact-sync of one connection from the beginning (or from {@code --since}), ignoring watermarks. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Runs contact-sync for one connection as if it had never synced: inbound reads the CRM's",
                "whole change feed, outbound reconsiders every changed PenguinMails contact. With --since, inbound",
                "reads only records the CRM modified since then and outbound only contacts marked changed since then.",
                "Idempotent: what is in step already is left alone. Watermarks move on as after a regular run,",
                "never back. A restart of a failed backfill keeps its --since."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the backfill completed", "1:it failed (see 'show <id>', then 'restart <id>')",
                "2:bad usage or input, a run of contact-sync is going, or no database"})
class BackfillCommand implements Callable<Integer> {

    /** The directions a backfill covers. */
    enum Direction { INBOUND, OUTBOUND, BOTH }

    @ParentCommand
    private CrmSyncCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--connection", required = true, paramLabel = "ID", description = "The connection to backfill.")
    private long connection;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "both",
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private Direction direction;

    @Option(names = "--since", paramLabel = "DATE",
            description = "Start from this time instead of the beginning: an ISO-8601 date (2026-11-01, midnight UTC) "
                    + "or date-time (2026-11-01T08:00:00Z; without an offset, UTC). Not in the future.")
    private @Nullable String since;

    @Override
    public Integer call() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant from = since == null ? null : parseSince(since, now);
        root.session().recordTask("crm-sync backfill");
        JobRunner runner = root.session().bean(JobRunner.class);
        var registry = root.session().bean(com.penguinmails.crmsync.credentials.ConnectionRegistry.class);
        registry.existing(connection); // an unknown connection is bad input, named
        RunParameters parameters = new RunParameters(List.of(), List.of(connection), Shard.ALL, 1,
                now, direction.name().toLowerCase(Locale.ROOT), false, from);
        var execution = RunReporting.watch(root, spec,
                () -> runner.run(ContactSyncJobConfiguration.JOB_NAME, parameters));
        return RunReporting.exitCode(execution);
    }

    /**
     * {@code --since}: an ISO date (midnight UTC), an instant, a date-time with an offset, or one without (UTC).
     *
     * @throws InvalidRequestException naming {@code --since} when the text is none of them or lies after {@code now}
     */
    static Instant parseSince(String text, Instant now) {
        Instant instant;
        try {
            instant = instant(text.strip());
        } catch (DateTimeException e) {
            throw new InvalidRequestException("--since '" + text + "' is not an ISO-8601 date or date-time such as "
                    + "2026-11-01 or 2026-11-01T08:00:00Z");
        }
        if (instant.isAfter(now)) {
            throw new InvalidRequestException("--since '" + text + "' is in the future; a backfill starts from a "
                    + "time already past");
        }
        return instant;
    }

    private static Instant instant(String value) {
        if (!value.contains("T") && !value.contains("t")) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, OffsetDateTime::from,
                LocalDateTime::from);
        return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }
}
