package com.penguinmails.crmsync.mapping;

import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.List;
import java.util.Optional;

/** The field rules of one CRM object type, in the order they are written. */
public record FieldMap(CrmKind crm, ObjectType type, List<FieldRule> rules) {

    public FieldMap {
        rules = List.copyOf(rules);
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

    /** This map with {@code overrides} replacing the rules of the same CRM field and adding the others. */
    public FieldMap with(List<FieldRule> overrides) {
        List<FieldRule> merged = new java.util.ArrayList<>(rules.stream()
                .filter(r -> overrides.stream().noneMatch(o -> o.crmField().equals(r.crmField()))).toList());
        merged.addAll(overrides);
        return new FieldMap(crm, type, merged);
    }
}
