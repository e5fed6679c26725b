package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.InboundContactMerge;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.job.contactpush.ProblemTally;
import com.penguinmails.crmsync.store.ListMembershipStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A dry run's account of a chunk's CRM people: what the write would create, update, put on lists and segments, which
 * conflicts, errors and warnings it would record, which records it would skip and whose address it would change; it
 * writes nothing but the report.
 */
final class PeopleReport {

    private final ListMembershipStore lists;
    private final ConnectionTarget target;

    PeopleReport(ListMembershipStore lists, ConnectionTarget target) {
        this.lists = lists;
        this.target = target;
    }

    void report(ObjectType type, PeopleDecisions decisions) {
        List<PeopleDecisions.Decided> decided = decisions.decided();
        List<SyncError> errors = decisions.errors();
        target.report(type, "create in penguinmails",
                decided.stream().filter(d -> d.current() == null).map(d -> target.recordKey(d.record())).toList());
        target.report(type, "update in penguinmails",
                decided.stream().filter(d -> d.current() != null && d.decision().changesPenguinMails())
                        .map(d -> target.recordKey(d.record())).toList());
        target.report(type, "conflict",
                decided.stream().filter(d -> !d.decision().conflicts().isEmpty())
                        .map(d -> target.recordKey(d.record())).toList());
        target.report(type, "error", ProblemTally.keys(errors, SyncError.Kind.ERROR));
        target.report(type, "warning", ProblemTally.keys(errors, SyncError.Kind.WARNING));
        target.report(type, "skip (deleted in penguinmails)", decisions.skippedDeleted());
        target.report(type, "add to " + target.connectionListName(),
                decided.stream().filter(d -> !d.linkedBefore()).map(d -> target.recordKey(d.record())).toList());
        target.report(type, "change tags (segment lists)", decided.stream().filter(d -> !Objects.equals(
                InboundContactMerge.sortedTags(d.decision().values().get("tags")),
                InboundContactMerge.sortedTags(d.current() == null ? List.of() : d.current().values().get("tags"))))
                .map(d -> target.recordKey(d.record())).toList());
        Set<String> tags = new LinkedHashSet<>();
        decided.forEach(d -> {
            if (d.decision().values().get("tags") instanceof java.util.Collection<?> c) {
                c.forEach(t -> tags.add(String.valueOf(t)));
            }
        });
        target.report(type, "create segment list", lists.tagsWithoutSegment(target.tenantId(), tags));
        target.report(type, "change address in penguinmails (bounce cleared)", decided.stream()
                .filter(d -> d.current() != null && decisions.addressChanges().containsKey(d.current().id()))
                .map(d -> target.recordKey(d.record())).toList());
    }
}
