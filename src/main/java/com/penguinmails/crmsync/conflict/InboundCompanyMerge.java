package com.penguinmails.crmsync.conflict;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.PmCompany;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapper;
import com.penguinmails.crmsync.mapping.FieldProblem;
import com.penguinmails.crmsync.mapping.FieldRule;
import com.penguinmails.crmsync.mapping.Mapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a changed CRM company (Salesforce Account, HubSpot company, Pipedrive organization) means for its
 * PenguinMails company, the way {@link InboundContactMerge} does for people: maps the CRM values and merges name and
 * domain three-way against the link's hashes. A company without a name cannot be synced: the decision says why.
 * Plain logic, no I/O.
 */
public final class InboundCompanyMerge {

    /** The company fields an inbound sync writes. */
    static final Set<String> WRITTEN_FIELDS = Set.of("company_name", "company_domain");

    private InboundCompanyMerge() {
    }

    public static InboundDecision decide(FieldMap map, CrmRecord record, @Nullable RecordLink link,
                                         @Nullable PmCompany current) {
        Mapped mapped = FieldMapper.inbound(map, record.fields());
        List<FieldProblem> problems = new ArrayList<>(mapped.warnings());
        MergedFields merged = new MergedFields(current == null ? null : current.values(),
                link == null ? Map.of() : link.fieldHashes(), record.modifiedAt(),
                current == null ? null : current.updatedAt());
        for (FieldRule rule : map.inbound()) {
            if (mapped.values().containsKey(rule.pmField()) && WRITTEN_FIELDS.contains(rule.pmField())) {
                merged.threeWay(rule, mapped.values().get(rule.pmField()),
                        current == null ? null : current.values().get(rule.pmField()));
            }
        }
        InboundDecision decision = merged.decision(problems);
        Object name = decision.values() == null ? null : decision.values().get("company_name");
        if (name == null || name.toString().isBlank()) {
            problems.add(new FieldProblem(map.forPmField("company_name").map(FieldRule::crmField).orElse("name"),
                    "is missing: a company needs a name"));
            return new InboundDecision(null, Map.of(), List.of(), false, false, problems);
        }
        return decision;
    }
}
