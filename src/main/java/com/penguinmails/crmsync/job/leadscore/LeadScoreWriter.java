package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.core.ScoreChange;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactScoreStore;
import java.time.Instant;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of new scores in one statement and marks the contacts whose score changed for outbound sync
 * ({@code crm_sync.contact_changes}, reason {@value #CHANGE_REASON}), in the chunk's transaction. Replaying a
 * chunk changes nothing: a score already written is skipped and not marked again.
 */
class LeadScoreWriter implements ItemWriter<ScoreChange> {

    public static final String CHANGE_REASON = "lead_score";

    private final ContactScoreStore scores;
    private final ContactChangeStore changes;
    private final String tenantId;
    private final Instant asOf;

    public LeadScoreWriter(ContactScoreStore scores, ContactChangeStore changes, String tenantId, Instant asOf) {
        this.scores = scores;
        this.changes = changes;
        this.tenantId = tenantId;
        this.asOf = asOf;
    }

    @Override
    public void write(Chunk<? extends ScoreChange> chunk) {
        List<Long> changed = scores.apply(chunk.getItems(), asOf);
        changes.markChanged(tenantId, changed, CHANGE_REASON);
    }
}
