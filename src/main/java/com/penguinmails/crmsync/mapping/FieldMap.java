package com.penguinmails.crmsync.mapping;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field rules of one CRM object type, in the order they are written, and the read-only fields the CRM derives from
 * one the suite writes (its map's {@code derived:} section: Pipedrive computes a person's {@code first_name} and
 * {@code last_name} from its {@code name}). After such a write the link takes the CRM's next value of the derived
 * fields as the echo of the write (it cannot be foreseen exactly), so a name PenguinMails sent, or one cut to the
 * field's length, never comes back as a CRM edit.
 *
 * @param derived per CRM field written, the CRM fields computed from it
 */
public record FieldMap(CrmKind crm, ObjectType type, List<FieldRule> rules, Map<String, List<String>> derived) {

    public FieldMap {
        rules = List.copyOf(rules);
        derived = Map.copyOf(derived);
    }

    /** A map whose CRM derives no field from another. */
    public FieldMap(CrmKind crm, ObjectType type, List<FieldRule> rules) {
        this(crm, type, rules, Map.of());
    }

    /** The CRM fields the CRM derives from {@code crmField} (empty: none). */
    public List<String> derivedFrom(String crmField) {
        return derived.getOrDefault(crmField, List.of());
    }

    public List<FieldRule> inbound() {
        return rules.stream().filter(r -> r.direction().inbound()).toList();
    }

    public List<FieldRule> outbound() {
        return rules.stream().filter(r -> r.direction().outbound()).toList();
    }

    public Optional<FieldRule> forPmField(String pmField) {
        return rules.stream().filter(r -> r.pmField().equals(pmField)).findFirst();
    }

    /** The CRM field {@code pmField} maps to, by which a problem with it is named; {@code pmField} when unmapped. */
    public String crmNameOf(String pmField) {
        return forPmField(pmField).map(FieldRule::crmField).orElse(pmField);
    }

    /** This map with {@code overrides} replacing the rules of the same CRM field and adding the others. */
    public FieldMap with(List<FieldRule> overrides) {
        List<FieldRule> merged = new java.util.ArrayList<>(rules.stream()
                .filter(r -> overrides.stream().noneMatch(o -> o.crmField().equals(r.crmField()))).toList());
        merged.addAll(overrides);
        return new FieldMap(crm, type, merged, derived);
    }
}
