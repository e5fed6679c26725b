package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What Bulk API 2.0 ingest and query jobs share: waiting for a job to finish (looking at it with a doubling pause,
 * from {@code bulkPollMillis} up to 30 s, for at most {@code bulkMaxWaitMinutes}) and reading result CSV.
 */
final class BulkJobs {

    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final Set<String> FINISHED = Set.of("JobComplete", "Failed", "Aborted");

    private final RestClient rest;
    private final SalesforceSettings settings;

    BulkJobs(RestClient rest, SalesforceSettings settings) {
        this.rest = rest;
        this.settings = settings;
    }

    RestClient rest() {
        return rest;
    }

    /** Looks at {@code path} (a job) until it is JobComplete, Failed or Aborted; returns the last job info. */
    JsonNode await(String operation, String path) {
        Duration pause = settings.bulkPollInitial();
        Instant deadline = Instant.now().plus(settings.bulkMaxWait());
        while (true) {
            JsonNode job = rest.get(operation, path).json();
            String state = job.path("state").asString("");
            if (FINISHED.contains(state)) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CrmApiException(operation + ": job " + job.path("id").asString("") + " is still " + state
                        + " after " + settings.bulkMaxWait().toMinutes() + " minutes; it may still finish, and the "
                        + "next run writes the same records again idempotently");
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Rows of a result CSV, header first (empty when the body is). */
    static List<String[]> readCsv(String body) {
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(body))
                .withCSVParser(new CSVParserBuilder().withSeparator(',').withQuoteChar('"').build())
                .withKeepCarriageReturn(false).build()) {
            return reader.readAll();
        } catch (IOException | CsvException e) {
            throw new CrmApiException("unreadable Bulk API result CSV: " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApiException("interrupted while waiting for a Bulk API job", e);
        }
    }
}
