package com.penguinmails.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.salesforce.SalesforceConnectorProvider;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmCompany;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapLoader;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundCompanyMergeTest {

    private static final FieldMap SALESFORCE = FieldMapLoader.defaults(SalesforceConnectorProvider.KIND).get(ObjectType.COMPANY);
    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");

    private static CrmRecord account(String name, String website) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Name", name);
        fields.put("Website", website);
        return CrmRecord.of(ObjectType.COMPANY, "001A", T1, fields);
    }

    private static RecordLink link(String name, String domain) {
        return new RecordLink(1, ObjectType.COMPANY, "001A", "company", 9,
                Map.of("company_name", ValueHash.of(name), "company_domain", ValueHash.of(domain)), T1, null, null);
    }

    @Test
    void aNewAccountBecomesACompanyNamedLikeItWithItsWebsitesDomain() {
        InboundDecision decision = InboundCompanyMerge.decide(SALESFORCE, account(" Acme ", "https://www.acme.com/"),
                null, null);

        assertThat(decision.syncable()).isTrue();
        assertThat(decision.changesPenguinMails()).isTrue();
        assertThat(decision.values()).containsEntry("company_name", "Acme").containsEntry("company_domain",
                "acme.com");
        assertThat(decision.fieldHashes()).containsEntry("company_domain", ValueHash.of("acme.com"));
    }

    @Test
    void anAccountUnchangedSinceTheLastSyncChangesNothingEvenWhenPenguinMailsRenamedTheCompany() {
        PmCompany renamed = new PmCompany(9, "Acme Inc", "acme.com", T1, false);

        InboundDecision decision = InboundCompanyMerge.decide(SALESFORCE, account("Acme", "https://acme.com"),
                link("Acme", "acme.com"), renamed);

        assertThat(decision.changesPenguinMails()).isFalse();
        assertThat(decision.values()).containsEntry("company_name", "Acme Inc");
    }

    @Test
    void anAccountRenamedInSalesforceRenamesTheCompany() {
        PmCompany current = new PmCompany(9, "Acme", "acme.com", T1, false);

        InboundDecision decision = InboundCompanyMerge.decide(SALESFORCE, account("Acme Group", "https://acme.com"),
                link("Acme", "acme.com"), current);

        assertThat(decision.changesPenguinMails()).isTrue();
        assertThat(decision.values()).containsEntry("company_name", "Acme Group");
    }

    @Test
    void aCompanyWithoutANameCannotSyncAndTheDecisionNamesTheField() {
        InboundDecision decision = InboundCompanyMerge.decide(SALESFORCE, account("  ", "https://acme.com"), null,
                null);

        assertThat(decision.syncable()).isFalse();
        assertThat(decision.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("Name");
            assertThat(p.reason()).contains("needs a name");
        });
    }

    @Test
    void bothSidesRenamingACompanyIsAConflictTheNamesPolicyGivesToTheCrm() {
        // given: Name is CRM_WINS in the default map; PenguinMails renamed the company after Salesforce did
        PmCompany renamed = new PmCompany(9, "Acme Inc", "acme.com", T1.plusSeconds(60), false);

        // when
        InboundDecision decision = InboundCompanyMerge.decide(SALESFORCE, account("Acme Group", "https://acme.com"),
                link("Acme", "acme.com"), renamed);

        // then
        assertThat(decision.values()).containsEntry("company_name", "Acme Group");
        assertThat(decision.conflicts()).containsExactly("company_name");
        assertThat(decision.changesPenguinMails()).isTrue();
        assertThat(decision.fieldHashes()).containsEntry("company_name", ValueHash.of("Acme Group"));
    }

    @Test
    void aWebsiteChangedInTheCrmMovesTheCompanysDomainAndABlankedOneClearsIt() {
        PmCompany current = new PmCompany(9, "Acme", "acme.com", T1, false);

        InboundDecision moved = InboundCompanyMerge.decide(SALESFORCE, account("Acme", "https://acme.io/about"),
                link("Acme", "acme.com"), current);
        InboundDecision blanked = InboundCompanyMerge.decide(SALESFORCE, account("Acme", " "),
                link("Acme", "acme.com"), current);

        assertThat(moved.values()).containsEntry("company_domain", "acme.io");
        assertThat(moved.changesPenguinMails()).isTrue();
        assertThat(blanked.values()).containsEntry("company_domain", null);
        assertThat(blanked.changesPenguinMails()).isTrue();
        assertThat(blanked.fieldHashes()).containsEntry("company_domain", ValueHash.of(null));
    }

    @Test
    void aCompanyFoundByDomainButNeverLinkedTakesTheCrmsNameWhereItHasNone() {
        PmCompany unnamed = new PmCompany(9, null, "acme.com", T1, false);

        InboundDecision decision = InboundCompanyMerge.decide(SALESFORCE, account("Acme", "https://acme.com"), null,
                unnamed);

        assertThat(decision.syncable()).isTrue();
        assertThat(decision.values()).containsEntry("company_name", "Acme").containsEntry("company_domain",
                "acme.com");
        assertThat(decision.changesPenguinMails()).isTrue();
        assertThat(decision.conflicts()).isEmpty();
    }
}
