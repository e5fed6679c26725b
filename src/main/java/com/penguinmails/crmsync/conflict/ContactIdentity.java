package com.penguinmails.crmsync.conflict;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.mapping.FieldRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which PenguinMails contact and company a CRM person is: the addresses it can be matched by, the address a linked
 * contact keeps, the company it points at. Identity follows the CRM record once linked: a linked contact takes the
 * address its CRM record now holds, unless it still holds the contact's own address (a person with several
 * addresses) or the CRM still holds the address last synced (then PenguinMails changed it, and the outbound step
 * sends it). Plain logic, no I/O.
 */
public final class ContactIdentity {

    private ContactIdentity() {
    }

    /**
     * Every address the record carries for the {@code email} rule, mapped as the rule maps one (trimmed,
     * lower-cased, valid ones only): the primary first, then the others in the record's order. A Pipedrive person
     * holds a list of {@code {value, primary}} entries (often none primary); Salesforce and HubSpot hold one.
     */
    public static List<String> addresses(FieldMap map, CrmRecord record) {
        FieldRule rule = map.inbound().stream().filter(r -> r.pmField().equals("email")).findFirst().orElse(null);
        if (rule == null || !record.fields().containsKey(rule.crmField())) {
            return List.of();
        }
        Object raw = record.fields().get(rule.crmField());
        List<Object> entries = new ArrayList<>();
        if (raw instanceof List<?> list) {
            list.stream().filter(ContactIdentity::primary).forEach(entries::add);
            list.stream().filter(e -> e != null && !primary(e)).forEach(entries::add);
        } else if (raw != null) {
            entries.add(raw);
        }
        FieldMap single = new FieldMap(map.crm(), map.type(), List.of(rule));
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
        for (Object entry : entries) {
            Object value = FieldMapper.inbound(single, Map.of(rule.crmField(),
                    raw instanceof List<?> ? List.of(entry) : entry)).values().get("email");
            if (value != null) {
                addresses.add(value.toString().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return List.copyOf(addresses);
    }

    /**
     * The address a contact reached through its record's live link keeps: its own while the CRM record still holds
     * it (among several, or when the record carries none, e.g. a feed without the field); the record's first address
     * (primary first) when the CRM changed it; its own again when the CRM still holds the address last synced, which
     * means PenguinMails changed it and the outbound step has yet to send it. A contact matched by e-mail keeps its
     * own.
     */
    public static String identity(FieldMap map, CrmRecord record, @Nullable RecordLink link, PmContact current) {
        List<String> addresses = addresses(map, record);
        String own = current.email();
        if (link == null || addresses.isEmpty() || addresses.contains(own.toLowerCase(java.util.Locale.ROOT))) {
            return own;
        }
        String base = link.fieldHashes().get("email");
        String crmAddress = addresses.get(0);
        boolean crmUnchanged = base != null && addresses.stream().anyMatch(a -> base.equals(ValueHash.of(a)));
        return crmUnchanged ? own : crmAddress;
    }

    private static boolean primary(@Nullable Object entry) {
        return entry instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("primary"));
    }

    /** The CRM company id a record refers to through its {@code company_id} rule, if any. */
    public static @Nullable String companyReference(FieldMap map, CrmRecord record) {
        Object ref = FieldMapper.inbound(map, record.fields()).values().get("company_id");
        return ref == null ? null : ref.toString();
    }
}
