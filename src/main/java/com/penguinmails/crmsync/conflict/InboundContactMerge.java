package com.penguinmails.crmsync.conflict;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.mapping.FieldRule;
import com.penguinmails.crmsync.mapping.Mapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a changed CRM contact means for its PenguinMails contact: maps the CRM values, then merges field by
 * field against the hashes its link kept from the last sync (one side changed: it wins; both: the field's policy,
 * recorded as a conflict), with consent merged stricter-wins. A contact whose e-mail is missing or invalid cannot be
 * synced: the decision says why. Plain logic, no I/O.
 *
 * <p>The e-mail address is decided first, by {@link ContactIdentity#identity}: it follows the CRM record once linked.
 */
public final class InboundContactMerge {

    /**
     * The PenguinMails contact fields an inbound sync writes. Others a map may name inbound (company_name, which the
     * company's own record carries; bounce state the CRM never overrides) are left out of the merge, so no hash is
     * kept for a value PenguinMails does not store, which would look like a PenguinMails edit on every run.
     */
    static final java.util.Set<String> WRITTEN_FIELDS = java.util.Set.of("email", "first_name", "last_name", "phone",
            "job_title", "unsubscribed", "tags", "company_id");

    private InboundContactMerge() {
    }

    /** As {@link #decide(FieldMap, CrmRecord, RecordLink, PmContact, Map)} with no company linked. */
    static InboundDecision decide(FieldMap map, CrmRecord record, @Nullable RecordLink link,
                                  @Nullable PmContact current) {
        return decide(map, record, link, current, Map.of());
    }

    /**
     * @param companyIds the PenguinMails company of each CRM company id the chunk's records refer to (through the
     *                   companies' record links); a reference to a company not linked (yet) leaves the contact's
     *                   company as it is
     */
    public static InboundDecision decide(FieldMap map, CrmRecord record, @Nullable RecordLink link,
                                         @Nullable PmContact current, Map<String, Long> companyIds) {
        Mapped mapped = FieldMapper.inbound(map, record.fields());
        List<FieldProblem> problems = new ArrayList<>(mapped.warnings());
        Object email = current != null ? ContactIdentity.identity(map, record, link, current)
                : mapped.values().get("email");
        if (email == null) {
            if (problems.stream().noneMatch(p -> p.reason().contains("e-mail"))) {
                problems.add(new FieldProblem(map.crmNameOf("email"), "is missing: a contact needs an e-mail address"));
            }
            return new InboundDecision(null, Map.of(), List.of(), false, false, problems);
        }
        MergedFields merged = new MergedFields(current == null ? null : current.values(),
                link == null ? Map.of() : link.fieldHashes(), record.modifiedAt(),
                current == null ? null : current.updatedAt());
        merged.put("email", email);
        if (current != null && !email.toString().equalsIgnoreCase(current.email())) {
            merged.changesPenguinMails(); // the address moved with the CRM record
        }
        for (FieldRule rule : map.inbound()) {
            String field = rule.pmField();
            if (!mapped.values().containsKey(field)
                    || !(WRITTEN_FIELDS.contains(field) || field.startsWith("custom."))) {
                continue;
            }
            Object crmValue = mapped.values().get(field);
            Object pmValue = current == null ? null : current.values().get(field);
            if (field.equals("unsubscribed")) {
                ConsentRules.Consent consent = ConsentRules.merge(asBoolean(crmValue), Boolean.TRUE.equals(pmValue));
                merged.put(field, consent.optedOut());
                if (consent.optOutInCrm()) {
                    // the link keeps what the CRM holds, so the outbound step sends the opt-out it lacks
                    merged.keepCrmHash(field, crmValue);
                    merged.penguinMailsWon();
                }
                if (consent.unsubscribeInPenguinMails()) {
                    merged.changesPenguinMails();
                }
            } else if (field.equals("email") && current != null) {
                continue; // decided above by ContactIdentity.identity(): the address follows the linked CRM record
            } else if (field.equals("company_id")) {
                if (crmValue == null || companyIds.containsKey(crmValue.toString())) {
                    merged.threeWay(rule, crmValue == null ? null : companyIds.get(crmValue.toString()), pmValue);
                }
            } else if (field.equals("tags")) {
                merged.threeWay(rule, crmValue, sortedTags(pmValue));
            } else {
                merged.threeWay(rule, crmValue, pmValue);
            }
        }
        return merged.decision(problems);
    }

    /** Tags as the split transform hands them: sorted and distinct, so the same set hashes the same. */
    public static @Nullable Object sortedTags(@Nullable Object tags) {
        return tags instanceof java.util.Collection<?> c
                ? c.stream().map(String::valueOf).distinct().sorted().toList() : tags;
    }

    private static @Nullable Boolean asBoolean(@Nullable Object value) {
        return value instanceof Boolean b ? b : null;
    }
}
