package com.penguinmails.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.connector.hubspot.HubSpotConnectorProvider;
import com.penguinmails.crmsync.connector.pipedrive.PipedriveConnectorProvider;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.PmContact;
import com.penguinmails.crmsync.core.RecordLink;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.FieldMapLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactIdentityTest {

    private static final FieldMap HUBSPOT = FieldMapLoader.defaults(HubSpotConnectorProvider.KIND)
            .get(ObjectType.CONTACT);
    private static final FieldMap PIPEDRIVE = FieldMapLoader.defaults(PipedriveConnectorProvider.KIND)
            .get(ObjectType.CONTACT);
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    private static CrmRecord person(Map<String, Object> fields) {
        return CrmRecord.of(ObjectType.CONTACT, "501", T0, fields);
    }

    private static PmContact contact(String email) {
        return new PmContact(7, "acme", email, T0, Map.of("email", email));
    }

    private static RecordLink linkLastSynced(String address) {
        return new RecordLink(1, ObjectType.CONTACT, "501", "contact", 7, Map.of("email", ValueHash.of(address)), T0,
                null, null);
    }

    @Test
    void everyAddressOfAMultiAddressPersonIsACandidatePrimaryFirstThenInOrder() {
        CrmRecord person = person(Map.of("emails", List.of(
                Map.of("value", " First@x.example", "primary", false),
                Map.of("value", "not-an-address", "primary", false),
                Map.of("value", "second@x.example", "primary", false),
                Map.of("value", "main@x.example", "primary", true))));
        assertThat(ContactIdentity.addresses(PIPEDRIVE, person))
                .containsExactly("main@x.example", "first@x.example", "second@x.example");

        CrmRecord nonePrimary = person(Map.of("emails", List.of(Map.of("value", "a@x.example", "primary", false),
                Map.of("value", "b@x.example", "primary", false))));
        assertThat(ContactIdentity.addresses(PIPEDRIVE, nonePrimary)).containsExactly("a@x.example", "b@x.example");
        assertThat(ContactIdentity.addresses(HUBSPOT, person(Map.of("firstname", "Ada")))).isEmpty();
    }

    @Test
    void aContactMatchedByEmailKeepsItsOwnAddress() {
        assertThat(ContactIdentity.identity(HUBSPOT, person(Map.of("email", "other@x.example")), null,
                contact("ada@x.example"))).isEqualTo("ada@x.example");
    }

    @Test
    void aLinkedContactTakesTheAddressTheCrmChangedItsRecordTo() {
        assertThat(ContactIdentity.identity(HUBSPOT, person(Map.of("email", "New@x.example")),
                linkLastSynced("ada@x.example"), contact("ada@x.example"))).isEqualTo("new@x.example");
    }

    @Test
    void aLinkedContactKeepsAnAddressPenguinMailsChangedWhileTheCrmStillHoldsTheOneLastSynced() {
        assertThat(ContactIdentity.identity(HUBSPOT, person(Map.of("email", "ada@x.example")),
                linkLastSynced("ada@x.example"), contact("ada.lovelace@x.example")))
                .isEqualTo("ada.lovelace@x.example");
    }

    @Test
    void aLinkedContactKeepsItsAddressWhileTheRecordHoldsItAmongOthersOrCarriesNone() {
        CrmRecord several = person(Map.of("emails", List.of(Map.of("value", "work@x.example", "primary", true),
                Map.of("value", "ada@x.example", "primary", false))));
        assertThat(ContactIdentity.identity(PIPEDRIVE, several, linkLastSynced("work@x.example"),
                contact("ada@x.example"))).isEqualTo("ada@x.example");
        assertThat(ContactIdentity.identity(HUBSPOT, person(Map.of("firstname", "Ada")),
                linkLastSynced("old@x.example"), contact("ada@x.example"))).isEqualTo("ada@x.example");
    }

    @Test
    void aPersonPointsAtTheCompanyItsCompanyRuleNames() {
        assertThat(ContactIdentity.companyReference(HUBSPOT, person(Map.of("associatedcompanyid", "9001"))))
                .isEqualTo("9001");
        assertThat(ContactIdentity.companyReference(HUBSPOT, person(Map.of("firstname", "Ada")))).isNull();
    }
}
