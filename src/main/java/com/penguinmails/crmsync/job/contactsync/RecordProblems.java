package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.InboundDecision;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.SyncError;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.mapping.FieldRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a record's field problems become: inbound, errors when the record cannot sync (it is dead-lettered) and
 * warnings when it syncs without a value or with one cleaned or cut (one per field, open until that field syncs
 * clean), and which of its fields did sync clean, so their earlier warnings are resolved; both ways, the keys and
 * counts of each kind for dry-run reports and the audit.
 */
final class RecordProblems {

    private RecordProblems() {
    }

    /** The record's problems, as errors when it is not syncable and as warnings when it is. */
    static List<SyncError> of(InboundContactWriter.Target target, CrmRecord record, InboundDecision decision) {
        return decision.problems().stream()
                .map(p -> decision.syncable() ? target.error(record, p).asWarning() : target.error(record, p))
                .toList();
    }

    /** The keys of the records with problems of this kind, once each (dry-run samples). */
    static List<String> keys(List<SyncError> problems, SyncError.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).map(SyncError::recordKey).distinct().toList();
    }

    /** How many of the problems are of this kind (audit details). */
    static long count(List<SyncError> problems, SyncError.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).count();
    }

    /** The CRM fields of the record the map reads that came through without a problem. */
    static List<String> cleanFields(FieldMap map, CrmRecord record, InboundDecision decision) {
        Set<String> troubled = decision.problems().stream().map(FieldProblem::field).collect(Collectors.toSet());
        return map.inbound().stream().map(FieldRule::crmField).distinct()
                .filter(f -> record.fields().containsKey(f) && !troubled.contains(f)).toList();
    }
}
