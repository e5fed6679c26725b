package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.conflict.ValueHash;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.mapping.FieldRule;
import com.penguinmails.crmsync.mapping.Mapped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a changed PenguinMails contact must write to its CRM record: the outbound fields whose value differs
 * from the one last synced (unchanged fields are not sent, so a CRM-side edit of another field is never overwritten),
 * mapped to CRM field names; and the hashes the link keeps once the write succeeded. Consent only ever goes out as an
 * opt-out. Plain logic, no I/O.
 */
public final class OutboundContactMerge {

    private OutboundContactMerge() {
    }

    /**
     * @param crmFields CRM field values to write (empty: nothing to send)
     * @param hashes    the link's field hashes after the write
     * @param problems  PenguinMails fields whose value could not be mapped (left out), and why
     * @param cleaned   PenguinMails fields whose value goes out changed to fit (cut to the field's length ...), and how
     * @param sent      the PenguinMails fields that go out, by the CRM field they go to
     */
    public record Outbound(Map<String, @Nullable Object> crmFields, Map<String, String> hashes,
                           Map<String, String> problems, Map<String, String> cleaned, Map<String, String> sent) {

        public Outbound(Map<String, @Nullable Object> crmFields, Map<String, String> hashes,
                        Map<String, String> problems) {
            this(crmFields, hashes, problems, Map.of(), Map.of());
        }
    }

    public static Outbound decide(FieldMap map, PmContact contact, @Nullable RecordLink link) {
        Map<String, String> base = link == null ? Map.of() : link.fieldHashes();
        Map<String, @Nullable Object> changed = new LinkedHashMap<>();
        Map<String, String> hashes = new HashMap<>(base);
        for (FieldRule rule : map.outbound()) {
            String field = rule.pmField();
            if (!contact.values().containsKey(field)) {
                continue;
            }
            Object value = contact.values().get(field);
            if (field.equals("unsubscribed") && !Boolean.TRUE.equals(value)) {
                continue; // a subscribe never goes out: the CRM's own opt-out stands
            }
            String hash = ValueHash.of(value);
            if (!hash.equals(base.get(field))) {
                changed.put(field, value);
                hashes.put(field, hash);
            }
        }
        if (Boolean.TRUE.equals(changed.get("unsubscribed")) && !changed.containsKey("email")
                && contact.values().get("email") != null
                && map.outbound().stream().anyMatch(rule -> rule.pmField().equals("email"))) {
            // an opt-out travels with the address it is about: HubSpot unsubscribes an e-mail address, not a record
            changed.put("email", contact.values().get("email"));
            hashes.put("email", ValueHash.of(contact.values().get("email")));
        }
        Mapped mapped = FieldMapper.outbound(map, changed);
        Map<String, String> problems = new LinkedHashMap<>();
        mapped.problems().forEach(p -> problems.put(p.field(), p.reason()));
        for (String field : problems.keySet()) { // not written: keep the old base so the next run tries again
            if (base.containsKey(field)) {
                hashes.put(field, base.get(field));
            } else {
                hashes.remove(field);
            }
        }
        Map<String, String> cleaned = new LinkedHashMap<>();
        mapped.cleaned().forEach(p -> cleaned.merge(p.field(), p.reason(), (a, b) -> a + "; " + b));
        Map<String, String> sent = new LinkedHashMap<>();
        map.outbound().stream().filter(rule -> changed.containsKey(rule.pmField())
                        && mapped.values().containsKey(rule.crmField()))
                .forEach(rule -> sent.put(rule.crmField(), rule.pmField()));
        return new Outbound(mapped.values(), hashes, problems, cleaned, sent);
    }
}
