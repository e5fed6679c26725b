package com.penguinmails.crmsync.connector.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoqlAndRefusalsTest {

    @Test
    void aWindowQueryResumesAfterTheLastRecordOldestFirst() {
        // when
        String soql = Soql.window("Contact", List.of("Id", "Email"), Instant.parse("2026-11-01T10:00:00Z"),
                Instant.parse("2026-11-01T11:00:00.750Z"), Instant.parse("2026-11-01T10:30:05Z"),
                "0035g000000003IAAQ");
        // then
        assertThat(soql).isEqualTo("SELECT Id, Email FROM Contact WHERE SystemModstamp < 2026-11-01T11:00:00Z"
                + " AND SystemModstamp >= 2026-11-01T10:00:00Z AND (SystemModstamp > 2026-11-01T10:30:05Z OR"
                + " (SystemModstamp = 2026-11-01T10:30:05Z AND Id > '0035g000000003IAAQ'))"
                + " ORDER BY SystemModstamp ASC, Id ASC");
    }

    @Test
    void onlySalesforceIdsGoIntoQueries() {
        // when / then
        assertThatThrownBy(() -> Soql.byIds("Contact", List.of("Id"), List.of("003' OR Name != '")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusalMessagesLoseTheRecordsValuesAndEmailAddresses() {
        // when
        String message = Refusals.redact("Email: invalid email address: pat@@penguin; see also ada@lovelace.example",
                Map.of("Email", "pat@@penguin", "LastName", "Lovelace"));
        // then
        assertThat(message).isEqualTo("Email: invalid email address: <value>; see also <value>");
    }

    @Test
    void csvCellsClearNullsAndKeepNumbersPlain() {
        // when / then
        assertThat(Values.csv(null)).isEqualTo("#N/A");
        assertThat(Values.csv("")).isEqualTo("#N/A");
        assertThat(Values.csv(12.50)).isEqualTo("12.5");
        assertThat(Values.csv(1.0e7)).isEqualTo("10000000");
        assertThat(Values.read("datetime", "2026-11-01T10:00:00.000Z")).isEqualTo(Instant.parse(
                "2026-11-01T10:00:00Z"));
        assertThat(Values.read("boolean", "true")).isEqualTo(Boolean.TRUE);
        assertThat(Values.read("string", "")).isNull();
    }
}
