package com.penguinmails.crmsync.conflict;

import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.mapping.FieldRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The running result of merging one CRM record into its PenguinMails record field by field (contacts and companies
 * alike): the merged values, the hashes the link keeps, the fields both sides had changed, and whether PenguinMails
 * changes or won a field. Plain logic, no I/O.
 */
final class MergedFields {

    private final Map<String, @Nullable Object> values = new LinkedHashMap<>();
    private final Map<String, String> hashes;
    private final Map<String, String> baseHashes;
    private final List<String> conflicts = new ArrayList<>();
    private final @Nullable Instant crmModifiedAt;
    private final @Nullable Instant pmUpdatedAt;
    private boolean penguinMailsWon;
    private boolean changesPenguinMails;

    /**
     * @param current     the PenguinMails record's values, null when it is new (which is a change of PenguinMails)
     * @param baseHashes  the hashes the link kept from the last sync (empty when unlinked)
     */
    MergedFields(@Nullable Map<String, @Nullable Object> current, Map<String, String> baseHashes,
                 @Nullable Instant crmModifiedAt, @Nullable Instant pmUpdatedAt) {
        if (current != null) {
            values.putAll(current);
        }
        this.baseHashes = baseHashes;
        this.hashes = new HashMap<>(baseHashes);
        this.crmModifiedAt = crmModifiedAt;
        this.pmUpdatedAt = pmUpdatedAt;
        this.changesPenguinMails = current == null;
    }

    /**
     * Three-way merges one field (see {@link ThreeWayMerge}), each side against its own base ({@link FieldBases}),
     * and keeps the outcome. When neither side changed, each keeps what it holds (a value the CRM holds cut keeps its
     * whole value in PenguinMails). A field PenguinMails won that syncs outbound is sent; one that only comes in (a
     * company reference) keeps PenguinMails' value without a write, both bases remembered.
     */
    void threeWay(FieldRule rule, @Nullable Object crmValue, @Nullable Object pmValue) {
        String field = rule.pmField();
        Resolution r = ThreeWayMerge.resolveEachSide(rule.policy(), FieldBases.of(baseHashes, field), crmValue,
                crmModifiedAt, pmValue, pmUpdatedAt);
        if (r.conflict()) {
            conflicts.add(field);
        }
        changesPenguinMails |= r.changesPenguinMails();
        values.put(field, r.value());
        if (r.changesCrm() && rule.direction().outbound()) {
            penguinMailsWon = true;
            keepCrmHash(field, crmValue);
        } else {
            FieldBases.keep(hashes, field, ValueHash.of(r.value()), ValueHash.of(crmValue));
        }
    }

    /**
     * For a field PenguinMails won, which the CRM does not hold yet: the link keeps the hash of what the CRM holds,
     * so the outbound step (which sends only values whose hash differs from the link's) writes it there.
     */
    void keepCrmHash(String field, @Nullable Object crmValue) {
        FieldBases.keep(hashes, field, ValueHash.of(crmValue), null);
    }

    /** Keeps a value merged by a rule of its own (consent, identity), with its hash. */
    void put(String field, @Nullable Object value) {
        values.put(field, value);
        FieldBases.keep(hashes, field, ValueHash.of(value), null);
    }

    void penguinMailsWon() {
        penguinMailsWon = true;
    }

    void changesPenguinMails() {
        changesPenguinMails = true;
    }

    InboundDecision decision(List<FieldProblem> problems) {
        return new InboundDecision(values, hashes, conflicts, penguinMailsWon, changesPenguinMails, problems);
    }
}
