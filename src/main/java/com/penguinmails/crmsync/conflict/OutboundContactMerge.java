package com.penguinmails.crmsync.conflict;

import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.mapping.FieldRule;
import com.penguinmails.crmsync.mapping.Mapped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param base      the link's field hashes before the write (empty for a record to create)
     */
    public record Outbound(Map<String, @Nullable Object> crmFields, Map<String, String> hashes,
                           Map<String, String> problems, Map<String, String> cleaned, Map<String, String> sent,
                           Map<String, String> base) {

        /**
         * The link's hashes after a write the CRM took without {@code droppedCrmFields} (CRM field names): the
         * PenguinMails fields sent to those keep their old bases, so they go again; the others take {@link #hashes}.
         */
        public Map<String, String> hashesAfterWrite(List<String> droppedCrmFields) {
            if (droppedCrmFields.isEmpty()) {
                return hashes;
            }
            Map<String, String> after = new HashMap<>(hashes);
            droppedCrmFields.stream().map(sent::get).filter(java.util.Objects::nonNull).forEach(pmField -> {
                FieldBases bases = FieldBases.of(base, pmField);
                FieldBases.keep(after, pmField, bases.penguinMails(), bases.crm());
            });
            return after;
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
        for (String field : problems.keySet()) { // not written: keep the old bases so the next run tries again
            FieldBases bases = FieldBases.of(base, field);
            FieldBases.keep(hashes, field, bases.penguinMails(), bases.crm());
        }
        keepEchoes(map, mapped, changed, hashes, link == null);
        keepDerivedEchoes(map, mapped, changed, contact, hashes);
        Map<String, String> cleaned = new LinkedHashMap<>();
        mapped.cleaned().forEach(p -> cleaned.merge(p.field(), p.reason(), (a, b) -> a + "; " + b));
        Map<String, String> sent = new LinkedHashMap<>();
        map.outbound().stream().filter(rule -> changed.containsKey(rule.pmField())
                        && mapped.values().containsKey(rule.crmField()))
                .forEach(rule -> sent.put(rule.crmField(), rule.pmField()));
        return new Outbound(mapped.values(), hashes, problems, cleaned, sent, base);
    }

    /**
     * The CRM's bases after the write: for each field sent, what the CRM will hand back, in its inbound mapping terms
     * (the value as sent, mapped inbound: cut, normalised, picklist-mapped), kept apart when it differs from
     * PenguinMails' value, so that echo reads as unchanged and PenguinMails keeps its own. A record being created
     * takes its next read as the echo for every inbound field not sent (a company, a name the CRM derives).
     */
    private static void keepEchoes(FieldMap map, Mapped mapped, Map<String, @Nullable Object> changed,
                                   Map<String, String> hashes, boolean creating) {
        for (FieldRule rule : map.outbound()) {
            String field = rule.pmField();
            if (!changed.containsKey(field) || !mapped.values().containsKey(rule.crmField())) {
                continue;
            }
            String pmHash = ValueHash.of(changed.get(field));
            FieldBases.keep(hashes, field, pmHash, map.inbound().stream()
                    .filter(in -> in.pmField().equals(field) && in.crmField().equals(rule.crmField()))
                    .findFirst().map(in -> echoHash(map, in, mapped.values().get(rule.crmField())))
                    .orElse(pmHash));
        }
        if (creating) {
            map.inbound().stream().map(FieldRule::pmField)
                    .filter(field -> !changed.containsKey(field) && !hashes.containsKey(FieldBases.crmKey(field)))
                    .forEach(field -> hashes.put(FieldBases.crmKey(field), FieldBases.PENDING_ECHO));
        }
    }

    /**
     * For the fields the CRM derives from one sent ({@link FieldMap#derivedFrom}: Pipedrive's first and last name from its
     * name): PenguinMails' values are the base on its side, and the CRM's next read is taken as the echo.
     */
    private static void keepDerivedEchoes(FieldMap map, Mapped mapped, Map<String, @Nullable Object> changed,
                                          PmContact contact, Map<String, String> hashes) {
        for (FieldRule rule : map.outbound()) {
            if (!changed.containsKey(rule.pmField()) || !mapped.values().containsKey(rule.crmField())) {
                continue;
            }
            List<String> derived = map.derivedFrom(rule.crmField());
            map.inbound().stream().filter(in -> derived.contains(in.crmField())).map(FieldRule::pmField)
                    .forEach(field -> FieldBases.keep(hashes, field, ValueHash.of(contact.values().get(field)),
                            FieldBases.PENDING_ECHO));
        }
    }

    /** The hash of a sent value as the inbound map reads it back; null (no base apart) when it does not map. */
    private static @Nullable String echoHash(FieldMap map, FieldRule inbound, @Nullable Object sent) {
        Mapped echo = FieldMapper.inbound(new FieldMap(map.crm(), map.type(), List.of(inbound)),
                java.util.Collections.singletonMap(inbound.crmField(), sent));
        return echo.values().containsKey(inbound.pmField()) ? ValueHash.of(echo.values().get(inbound.pmField()))
                : null;
    }
}
