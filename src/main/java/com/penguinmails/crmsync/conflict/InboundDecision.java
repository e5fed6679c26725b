package com.penguinmails.crmsync.conflict;

import com.penguinmails.crmsync.mapping.FieldProblem;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one CRM contact or company means for PenguinMails: the values its PenguinMails record takes ({@code null} when
 * the record cannot be synced), the field hashes its link keeps, the fields both sides had changed (a conflict each,
 * for the audit), whether PenguinMails won a field (so the CRM must hear of it), and the problems that keep fields or
 * the record from syncing.
 *
 * @param values merged PenguinMails values, keyed like field maps ({@code email}, {@code first_name},
 *               {@code company_name} ...)
 */
public record InboundDecision(@Nullable Map<String, @Nullable Object> values, Map<String, String> fieldHashes,
                              List<String> conflicts, boolean penguinMailsWonAField, boolean changesPenguinMails,
                              List<FieldProblem> problems) {

    public InboundDecision {
        fieldHashes = Map.copyOf(fieldHashes);
        conflicts = List.copyOf(conflicts);
        problems = List.copyOf(problems);
    }

    public boolean syncable() {
        return values != null;
    }
}
