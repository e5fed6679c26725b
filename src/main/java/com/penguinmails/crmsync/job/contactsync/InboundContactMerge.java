package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.ConsentRules;
import com.penguinmails.crmsync.conflict.Resolution;
import com.penguinmails.crmsync.conflict.ThreeWayMerge;
import com.penguinmails.crmsync.conflict.ValueHash;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.mapping.FieldRule;
import com.penguinmails.crmsync.mapping.Mapped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a changed CRM contact means for its PenguinMails contact: maps the CRM values, then merges field by
 * field against the hashes its link kept from the last sync (one side changed: it wins; both: the field's policy,
 * recorded as a conflict), with consent merged stricter-wins. A contact whose e-mail is missing or invalid cannot be
 * synced: the decision says why. Plain logic, no I/O.
 */
public final class InboundContactMerge {

    /**
     * The PenguinMails contact fields an inbound sync writes. Others a map may name inbound (company_name until
     * companies sync, bounce state the CRM never overrides) are left out of the merge, so no hash is kept for a value
     * PenguinMails does not store, which would look like a PenguinMails edit on every run.
     */
    static final java.util.Set<String> WRITTEN_FIELDS =
            java.util.Set.of("email", "first_name", "last_name", "phone", "job_title", "unsubscribed");

    private InboundContactMerge() {
    }

    public static InboundDecision decide(FieldMap map, CrmRecord record, @Nullable RecordLink link,
                                         @Nullable PmContact current) {
        Mapped mapped = FieldMapper.inbound(map, record.fields());
        List<FieldProblem> problems = new ArrayList<>(mapped.problems());
        Object email = current != null ? current.email() : mapped.values().get("email");
        if (email == null) {
            if (problems.stream().noneMatch(p -> p.reason().contains("e-mail"))) {
                problems.add(new FieldProblem(emailField(map), "is missing: a contact needs an e-mail address"));
            }
            return new InboundDecision(null, Map.of(), List.of(), false, false, problems);
        }
        Map<String, String> baseHashes = link == null ? Map.of() : link.fieldHashes();
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        if (current != null) {
            values.putAll(current.values());
        }
        values.put("email", email);
        Map<String, String> hashes = new HashMap<>(baseHashes);
        List<String> conflicts = new ArrayList<>();
        boolean pmWon = false;
        boolean pmChanges = current == null;
        for (FieldRule rule : map.inbound()) {
            String field = rule.pmField();
            if (!mapped.values().containsKey(field)
                    || !(WRITTEN_FIELDS.contains(field) || field.startsWith("custom."))) {
                continue;
            }
            Object crmValue = mapped.values().get(field);
            Object pmValue = current == null ? null : current.values().get(field);
            Object merged;
            if (field.equals("unsubscribed")) {
                ConsentRules.Consent consent = ConsentRules.merge(asBoolean(crmValue), Boolean.TRUE.equals(pmValue));
                merged = consent.optedOut();
                pmWon |= consent.optOutInCrm();
                pmChanges |= consent.unsubscribeInPenguinMails();
            } else if (field.equals("email") && current != null) {
                merged = current.email(); // the identity of a linked contact does not move with a CRM edit
            } else {
                Resolution r = ThreeWayMerge.resolve(rule.policy(), baseHashes.get(field), crmValue,
                        record.modifiedAt(), pmValue, current == null ? null : current.updatedAt());
                merged = r.value();
                if (r.conflict()) {
                    conflicts.add(field);
                }
                pmWon |= r.changesCrm();
                pmChanges |= r.changesPenguinMails();
            }
            values.put(field, merged);
            hashes.put(field, ValueHash.of(merged));
        }
        return new InboundDecision(values, hashes, conflicts, pmWon, pmChanges, problems);
    }

    private static @Nullable Boolean asBoolean(@Nullable Object value) {
        return value instanceof Boolean b ? b : null;
    }

    private static String emailField(FieldMap map) {
        return map.forPmField("email").map(FieldRule::crmField).orElse("email");
    }
}
