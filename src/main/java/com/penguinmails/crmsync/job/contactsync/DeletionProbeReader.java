package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.store.RecordLinkStore;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a connection's change feed, then, for a CRM whose feed leaves deletions out (Pipedrive; for the others it
 * is the feed alone, see {@link CrmConnector#feedOmitsDeletions()}), asks it which of
 * the connection's live links of one object type it has deleted (one probe per type, chained: Pipedrive
 * organizations, then persons), and hands those out as deletions, for the inbound
 * writer to close exactly as it closes the deletions other CRMs report. At most {@code idsPerRun} links are asked
 * about per run, {@code pageSize} per question, in CRM-id order from where the previous run stopped (its
 * {@link #positionKey position}, kept as a watermark per type), wrapping round to the first link once, so every link is asked about
 * within {@code links / idsPerRun} runs.
 *
 * <p>Its state is saved with every chunk: where this run's rotation began, the last id of the pages fully handed out,
 * how many ids those held and whether it has wrapped. A restart asks again about the live links after that position:
 * the links closed by committed chunks are no longer live, so nothing is handed out twice.
 */
class DeletionProbeReader implements ItemStreamReader<CrmRecord> {

    private final ItemStreamReader<CrmRecord> feed;
    private final CrmConnector connector;
    private final RecordLinkStore links;
    private final long connectionId;
    private final ObjectType type;
    private final String previousRunPosition;
    private final int idsPerRun;
    private final int pageSize;
    private final boolean probing;
    private final String positionKey;
    private final String startKey;
    private final String probedKey;
    private final String wrappedKey;

    private String start = "";
    private String position = "";
    private int probed;
    private boolean wrapped;
    private boolean feedDone;
    private boolean finished;
    private @Nullable List<CrmRecord> deletions;
    private int handedOut;
    private String pageLast = "";
    private int pageIds;

    /**
     * The execution-context key of the last CRM id of {@code type}'s pages fully handed out: the next run starts
     * after it.
     */
    static String positionKey(ObjectType type) {
        return "probe." + type.name() + ".position";
    }

    /**
     * @param feed                what comes first: the change feed, or the probe of another type
     * @param previousRunPosition where the previous run's probe stopped ("" for none)
     */
    public DeletionProbeReader(ItemStreamReader<CrmRecord> feed, CrmConnector connector, RecordLinkStore links, long connectionId,
                               ObjectType type, String previousRunPosition, int idsPerRun, int pageSize) {
        if (idsPerRun < 0 || pageSize < 1) {
            throw new IllegalArgumentException("the deletion probe needs ids-per-run >= 0 and page-size >= 1, was "
                    + idsPerRun + " and " + pageSize);
        }
        this.feed = feed;
        this.connector = connector;
        this.links = links;
        this.connectionId = connectionId;
        this.type = type;
        this.previousRunPosition = previousRunPosition;
        this.idsPerRun = idsPerRun;
        this.pageSize = pageSize;
        this.probing = connector.feedOmitsDeletions() && idsPerRun > 0;
        this.positionKey = positionKey(type);
        this.startKey = "probe." + type.name() + ".start";
        this.probedKey = "probe." + type.name() + ".probed";
        this.wrappedKey = "probe." + type.name() + ".wrapped";
    }

    @Override
    public void open(ExecutionContext context) {
        feed.open(context);
        start = context.getString(startKey, previousRunPosition);
        position = context.getString(positionKey, start);
        probed = context.getInt(probedKey, 0);
        wrapped = context.containsKey(wrappedKey) && Boolean.parseBoolean(context.getString(wrappedKey));
        feedDone = false;
        finished = false;
        deletions = null;
    }

    @Override
    public @Nullable CrmRecord read() throws Exception {
        if (!feedDone) {
            CrmRecord record = feed.read();
            if (record != null) {
                return record;
            }
            feedDone = true;
        }
        while (probing) {
            if (deletions != null && handedOut < deletions.size()) {
                return deletions.get(handedOut++);
            }
            if (deletions != null) {
                position = pageLast;
                probed += pageIds;
                deletions = null;
            }
            if (finished || probed >= idsPerRun) {
                return null;
            }
            List<String> ids = links.liveCrmIds(connectionId, type, position, wrapped ? start : null,
                    Math.min(pageSize, idsPerRun - probed));
            if (ids.isEmpty()) {
                if (wrapped || start.isEmpty()) {
                    finished = true;
                    return null;
                }
                wrapped = true;
                position = "";
                continue;
            }
            deletions = connector.deletions(type, ids);
            handedOut = 0;
            pageLast = ids.get(ids.size() - 1);
            pageIds = ids.size();
        }
        return null;
    }

    @Override
    public void update(ExecutionContext context) {
        feed.update(context);
        if (!probing) {
            return;
        }
        context.putString(startKey, start);
        context.putString(positionKey, position);
        context.putInt(probedKey, probed);
        context.putString(wrappedKey, Boolean.toString(wrapped));
    }

    @Override
    public void close() {
        feed.close();
    }
}
