package com.penguinmails.crmsync.serve.dispatch;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import com.penguinmails.crmsync.store.ChangeNoticeStore.Pending;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Coalesces a burst of one connection's notices before they are applied: a record is read by id when applied, so an
 * update followed by anything else about the same record adds nothing; the last notice about a record wins. Deletions
 * and merges are kept (a merge re-points links, a deletion followed by a restore is two changes); a RESYNC of an
 * object is kept once. The order of what is kept is the order the notices were stored in.
 */
final class NoticeCoalescing {

    private NoticeCoalescing() {
    }

    /** The notices to apply, oldest first. */
    static List<CrmChangeNotice> coalesce(List<Pending> pending) {
        Set<String> laterAbout = new HashSet<>();
        List<CrmChangeNotice> kept = new ArrayList<>();
        for (int i = pending.size() - 1; i >= 0; i--) {
            CrmChangeNotice notice = pending.get(i).notice();
            String key = notice.type() + "|" + Objects.requireNonNullElse(notice.recordId(), "*");
            boolean superseded = !laterAbout.add(key);
            boolean alwaysKept = notice.change() == CrmChangeNotice.Change.DELETED
                    || notice.change() == CrmChangeNotice.Change.MERGED;
            if (!superseded || alwaysKept) {
                kept.add(notice);
            }
        }
        Collections.reverse(kept);
        return kept;
    }
}
