package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.CrmChangeNotice;
import java.util.List;

/** The change notices of one delivery that concern one connection. */
public record ConnectionNotices(long connectionId, List<CrmChangeNotice> notices) {

    public ConnectionNotices {
        notices = List.copyOf(notices);
    }
}
