package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.Actor;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.monitor.SyncErrorActions;
import com.penguinmails.crmsync.store.SyncErrorStore;
import com.penguinmails.crmsync.store.SyncErrorStore.Entry;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code errors}: the records that could not be synced ({@code crm_sync.sync_errors}), for operators. */
@Command(name = "errors", mixinStandardHelpOptions = true,
        description = "Records that could not be synced (dead letters, kind error) and values dropped, cleaned or "
                + "cut while their record synced (kind warning): which record, which field, why, how often. Open "
                + "errors are retried by the next run; one that syncs is resolved, as is a warning once its field "
                + "syncs clean.",
        subcommands = {ErrorsCommand.ListErrors.class, ErrorsCommand.Ignore.class, ErrorsCommand.Retry.class})
class ErrorsCommand {

    /** Key prefix of errors of PenguinMails contacts going out to a CRM; the rest are CRM records coming in. */
    static final String OUTBOUND_CONTACT = "penguinmails:contact:";
    /** Record keys of e-mails engagement-sync could not log (their activity is retried by every run). */
    private static final String OUTBOUND_EMAIL = "penguinmails:email:";

    @ParentCommand
    CrmSyncCommand root;

    /** The errors with these ids, all of them, or exit 2 naming the unknown ones. */
    List<Entry> existing(List<Long> ids) {
        List<Entry> found = root.session().bean(SyncErrorStore.class).find(new LinkedHashSet<>(ids));
        List<Long> unknown = ids.stream().distinct()
                .filter(id -> found.stream().noneMatch(e -> e.id() == id)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("no sync error with id " + unknown.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " (see 'errors list'); nothing was changed");
        }
        return found;
    }

    /** Refuses errors that are not open (or ignored, when {@code ignoredIsFine}), naming them. */
    static void requireOpen(List<Entry> errors, String action, boolean ignoredIsFine) {
        List<String> closed = errors.stream()
                .filter(e -> !e.status().equals("open") && !(ignoredIsFine && e.status().equals("ignored")))
                .map(e -> e.id() + " is " + e.status()).toList();
        if (!closed.isEmpty()) {
            throw new InvalidRequestException("only open errors can be " + action + ": error " + String.join(", ",
                    closed) + "; nothing was changed");
        }
    }

    /** {@code errors list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists sync errors and warnings, most recently seen first, with their kind. Payloads "
                    + "and values are never shown: they may hold personal data.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:listed", "2:bad usage or no database"})
    static class ListErrors implements Callable<Integer> {
        @ParentCommand
        private ErrorsCommand parent;
        @Spec
        private CommandSpec spec;
        @Option(names = "--tenant", paramLabel = "ID", description = "Only this tenant's errors.")
        private @Nullable String tenant;
        @Option(names = "--connection", paramLabel = "ID", description = "Only this connection's errors.")
        private @Nullable Long connection;
        @Option(names = "--status", paramLabel = "STATUS", defaultValue = "open",
                description = "open, resolved, ignored or all (default: ${DEFAULT-VALUE}).")
        private String status;
        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "all",
                description = "error (the record did not sync), warning (a value of it was dropped, cleaned or "
                        + "cut) or all (default: ${DEFAULT-VALUE}).")
        private String kind;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most N errors (default: ${DEFAULT-VALUE}).")
        private int limit;
        @Option(names = "--json", description = "Print a JSON array of objects, each with an id.")
        private boolean json;

        @Override
        public Integer call() {
            if (!List.of("open", "resolved", "ignored", "all").contains(status)) {
                throw new InvalidRequestException("--status '" + status + "' is not one of open, resolved, ignored, "
                        + "all");
            }
            if (!List.of("error", "warning", "all").contains(kind)) {
                throw new InvalidRequestException("--kind '" + kind + "' is not one of error, warning, all");
            }
            if (limit < 1) {
                throw new InvalidRequestException("--limit must be at least 1");
            }
            List<Entry> errors = parent.root.session().bean(SyncErrorStore.class)
                    .list(tenant, connection, status.equals("all") ? null : status, kind.equals("all") ? null : kind,
                            limit);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.printArray(out, errors.stream().map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", e.id());
                    m.put("kind", e.kind());
                    m.put("tenant", e.tenantId());
                    m.put("connection", e.connectionId());
                    m.put("job", e.jobName());
                    m.put("recordKey", e.recordKey());
                    m.put("field", e.field());
                    m.put("reason", e.reason());
                    m.put("attempts", e.attempts());
                    m.put("status", e.status());
                    m.put("firstSeenAt", e.firstSeenAt());
                    m.put("lastSeenAt", e.lastSeenAt());
                    return m;
                }).toList());
                return ExitCodes.OK;
            }
            Table table = new Table("ID", "KIND", "TENANT", "CONNECTION", "JOB", "RECORD", "FIELD", "ATTEMPTS",
                    "STATUS", "FIRST SEEN", "LAST SEEN", "REASON");
            errors.forEach(e -> table.row(e.id(), e.kind(), e.tenantId(), e.connectionId(), e.jobName(), e.recordKey(),
                    e.field(), e.attempts(), e.status(), e.firstSeenAt().truncatedTo(ChronoUnit.SECONDS),
                    e.lastSeenAt().truncatedTo(ChronoUnit.SECONDS), e.reason()));
            table.print(out);
            return ExitCodes.OK;
        }
    }

    /** {@code errors ignore}. */
    @Command(name = "ignore", mixinStandardHelpOptions = true,
            description = {"Marks open errors or warnings ignored: an operator decided they need no action (audited as "
                    + "sync-errors.ignored with the OS user).",
                    "They leave the open list. This does not stop the job: if the record fails again on a later "
                            + "run, a new open error is recorded."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:ignored (already ignored ones are left as they are)",
                    "2:an unknown or resolved error id, bad usage or no database: nothing was changed"})
    static class Ignore implements Callable<Integer> {
        @ParentCommand
        private ErrorsCommand parent;
        @Spec
        private CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "ERROR_ID", description = "Ids from 'errors list'.")
        private List<Long> ids;

        @Override
        public Integer call() {
            List<Entry> errors = parent.existing(ids);
            requireOpen(errors, "ignored", true);
            List<Entry> open = errors.stream().filter(e -> e.status().equals("open")).toList();
            // a connection's errors through the audited actions; errors of no connection (a tenant's own) directly
            parent.byConnection(open).forEach((connection, ids) ->
                    parent.root.session().bean(SyncErrorActions.class).ignore(Actor.cli(), connection, ids));
            parent.root.session().bean(SyncErrorStore.class)
                    .ignore(open.stream().filter(e -> e.connectionId() == null).map(Entry::id).toList());
            errors.forEach(e -> spec.commandLine().getOut().printf("error %d (%s, %s): %s%n", e.id(), e.tenantId(),
                    e.recordKey(), e.status().equals("open") ? "ignored" : "already ignored"));
            return ExitCodes.OK;
        }
    }

    /** {@code errors retry}. */
    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = {"Queues open errors of outbound contacts for the next run; explains inbound ones (audited as "
                    + "sync-errors.retried with the OS user).",
                    "A PenguinMails contact that failed to reach the CRM (record penguinmails:contact:<id>) is "
                            + "marked changed, so the next contact-sync sends it again; the error stays open until "
                            + "it syncs. A CRM record that failed to come in is read again only when it changes in "
                            + "the CRM or by 'backfill --connection C': this command says so and changes nothing "
                            + "for it. An e-mail whose activity the CRM refused (penguinmails:email:...) is retried by "
                            + "every engagement-sync run anyway."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:done (each line says what happens to that error)",
                    "2:an unknown or closed error id, bad usage or no database: nothing was changed"})
    static class Retry implements Callable<Integer> {
        @ParentCommand
        private ErrorsCommand parent;
        @Spec
        private CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "ERROR_ID", description = "Ids from 'errors list'.")
        private List<Long> ids;

        @Override
        public Integer call() {
            List<Entry> errors = parent.existing(ids);
            requireOpen(errors, "retried", false);
            PrintWriter out = spec.commandLine().getOut();
            List<Long> queued = new ArrayList<>();
            parent.byConnection(errors).forEach((connection, ids) -> queued.addAll(parent.root.session()
                    .bean(SyncErrorActions.class).retry(Actor.cli(), connection, ids).doneIds()));
            for (Entry e : errors) {
                String what;
                if (queued.contains(e.id())) {
                    what = "queued: the next contact-sync run sends contact " + contactId(e) + " again";
                } else if (e.recordKey().startsWith(OUTBOUND_CONTACT) && e.connectionId() == null) {
                    what = "not queued: it belongs to no connection; 'errors ignore " + e.id() + "' closes it";
                } else if (e.recordKey().startsWith(OUTBOUND_CONTACT)) {
                    what = "not queued: the contact no longer exists; 'errors ignore " + e.id() + "' closes it";
                } else if (e.recordKey().startsWith(OUTBOUND_EMAIL)) {
                    what = "nothing to queue: every engagement-sync run retries this e-mail's activity until the CRM "
                            + "takes it or it has waited crmsync.engagement-sync.unlinked-max-wait";
                } else {
                    what = "not queued: a CRM record is read again when it changes in the CRM, or by 'backfill"
                            + (e.connectionId() == null ? "'" : " --connection " + e.connectionId() + "'");
                }
                out.printf("error %d (%s, %s): %s%n", e.id(), e.tenantId(), e.recordKey(), what);
            }
            return ExitCodes.OK;
        }
    }

    /** The ids of the errors that belong to a connection, per connection. */
    Map<Long, List<Long>> byConnection(List<Entry> errors) {
        return errors.stream().filter(e -> e.connectionId() != null).collect(Collectors.groupingBy(
                Entry::connectionId, LinkedHashMap::new, Collectors.mapping(Entry::id, Collectors.toList())));
    }

    private static @Nullable Long contactId(Entry error) {
        try {
            return Long.parseLong(error.recordKey().substring(OUTBOUND_CONTACT.length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }
}
