package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.InboundDecision;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.job.contactpush.ProblemTally;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.mapping.FieldRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a record's field problems become: inbound, errors when the record cannot sync (it is dead-lettered) and
 * warnings when it syncs without a value or with one cleaned or cut (one per field, open until that field syncs
 * clean), and which of its fields did sync clean, so their earlier warnings are resolved. The keys and counts of
 * each kind, both ways, are {@link ProblemTally}'s.
 */
final class RecordProblems {

    private RecordProblems() {
    }

    /** The record's problems, as errors when it is not syncable and as warnings when it is. */
    static List<SyncError> of(ConnectionTarget target, CrmRecord record, InboundDecision decision) {
        return decision.problems().stream()
                .map(p -> decision.syncable() ? target.error(record, p).asWarning() : target.error(record, p))
                .toList();
    }

    /** The CRM fields of the record the map reads that came through without a problem. */
    static List<String> cleanFields(FieldMap map, CrmRecord record, InboundDecision decision) {
        Set<String> troubled = decision.problems().stream().map(FieldProblem::field).collect(Collectors.toSet());
        return map.inbound().stream().map(FieldRule::crmField).distinct()
                .filter(f -> record.fields().containsKey(f) && !troubled.contains(f)).toList();
    }
}
