package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.BoundedTasks;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.WriteResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes records to HubSpot in batches of 100: records with a CRM id through {@code batch/update}; the others through
 * {@code batch/upsert} by the type's unique property ({@code email} for contacts, or the configured one), so a
 * replay finds what the first run created; without such a property (companies, deals by default) through
 * {@code batch/create}, whose idempotency then rests on the caller keeping the returned ids (record links). Two
 * records with the same key go to successive calls, in input order, since HubSpot refuses duplicate ids in a batch.
 * A contact's {@code hs_email_optout = true} (read-only in HubSpot) becomes an unsubscribe ({@link ConsentWriter}).
 */
public final class RecordWriter {

    static final int MAX_BATCH = 100;
    static final String OPT_OUT = "hs_email_optout";

    private final BatchSubmitter submitter;
    private final ConsentWriter consent;
    private final HubSpotOptions options;

    public RecordWriter(HubSpotApi api, ConsentWriter consent, HubSpotOptions options) {
        this.submitter = new BatchSubmitter(api);
        this.consent = consent;
        this.options = options;
    }

    public List<WriteResult> upsert(ObjectType type, List<CrmRecord> records) {
        HubSpotObject object = HubSpotObject.of(type);
        Optional<String> idProperty = options.idProperty(type);
        WriteResult[] results = new WriteResult[records.size()];
        List<WriteInput> updates = new ArrayList<>();
        List<WriteInput> upserts = new ArrayList<>();
        List<WriteInput> creates = new ArrayList<>();
        Map<Integer, String> optOuts = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            CrmRecord record = records.get(i);
            Map<String, String> properties = properties(record);
            if (type == ObjectType.CONTACT && properties.containsKey(OPT_OUT)) {
                if (Boolean.parseBoolean(properties.remove(OPT_OUT))) {
                    String email = properties.getOrDefault("email", record.externalId());
                    if (email == null || email.isBlank()) {
                        results[i] = WriteResult.failed(i, "OPT_OUT_NEEDS_EMAIL", "an opt-out is written to HubSpot "
                                + "as an unsubscribe of the contact's e-mail address; the record carries none",
                                List.of(OPT_OUT));
                        continue;
                    }
                    optOuts.put(i, email);
                }
            }
            if (record.crmId() != null) {
                updates.add(new WriteInput(i, record.crmId(), null, properties));
            } else if (idProperty.isPresent()) {
                String key = properties.getOrDefault(idProperty.get(), record.externalId());
                if (key == null || key.isBlank()) {
                    results[i] = WriteResult.failed(i, "MISSING_ID_PROPERTY", "the record has neither a HubSpot id "
                            + "nor a value of " + idProperty.get() + " to upsert it by", List.of(idProperty.get()));
                    continue;
                }
                properties.put(idProperty.get(), key);
                upserts.add(new WriteInput(i, key, idProperty.get(), properties));
            } else {
                creates.add(new WriteInput(i, null, null, properties));
            }
        }
        Map<Integer, WriteResult> written = new LinkedHashMap<>();
        write(object, "update", updates, written);
        write(object, "upsert", upserts, written);
        write(object, "create", creates, written);
        written.forEach((index, result) -> results[index] = result);
        consent.unsubscribe(optOuts, results);
        return List.of(results);
    }

    /** Each round's batches go with up to {@code writeConcurrency} in flight; rounds one after the other. */
    private void write(HubSpotObject object, String action, List<WriteInput> inputs, Map<Integer, WriteResult> out) {
        for (List<WriteInput> round : rounds(inputs)) {
            List<Runnable> calls = new ArrayList<>();
            for (int from = 0; from < round.size(); from += MAX_BATCH) {
                List<WriteInput> batch = round.subList(from, Math.min(round.size(), from + MAX_BATCH));
                calls.add(() -> {
                    Map<Integer, WriteResult> results = submitter.submit(object, action, batch);
                    synchronized (out) {
                        out.putAll(results);
                    }
                });
            }
            BoundedTasks.runAll("hubspot-write", calls, options.writeConcurrency());
        }
    }

    /** Inputs split so that no key appears twice in one round; rounds keep input order for one key. */
    static List<List<WriteInput>> rounds(List<WriteInput> inputs) {
        List<List<WriteInput>> rounds = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        for (WriteInput input : inputs) {
            String key = input.key();
            int round = 0;
            if (key != null) {
                while (round < keys.size() && keys.get(round).contains(key)) {
                    round++;
                }
            }
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
                keys.add(new HashSet<>());
            }
            rounds.get(round).add(input);
            if (key != null) {
                keys.get(round).add(key);
            }
        }
        return rounds;
    }

    /** HubSpot's property values: strings; null clears; instants ISO-8601; numbers plain. */
    static Map<String, String> properties(CrmRecord record) {
        Map<String, String> properties = new LinkedHashMap<>();
        record.fields().forEach((name, value) -> properties.put(name, text(value)));
        return properties;
    }

    private static String text(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value.toString();
    }
}
