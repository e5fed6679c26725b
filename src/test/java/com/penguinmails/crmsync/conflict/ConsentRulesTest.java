package com.penguinmails.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsentRulesTest {

    @Test
    void aCrmOptOutUnsubscribesInPenguinMails() {
        assertThat(ConsentRules.merge(true, false))
                .isEqualTo(new ConsentRules.Consent(true, true, false));
    }

    @Test
    void aPenguinMailsUnsubscribeIsNeverUndoneByTheCrmAndReachesIt() {
        assertThat(ConsentRules.merge(false, true))
                .isEqualTo(new ConsentRules.Consent(true, false, true));
        assertThat(ConsentRules.merge(null, true))
                .isEqualTo(new ConsentRules.Consent(true, false, true));
    }

    @Test
    void agreeingSidesChangeNothing() {
        assertThat(ConsentRules.merge(true, true)).isEqualTo(new ConsentRules.Consent(true, false, false));
        assertThat(ConsentRules.merge(false, false)).isEqualTo(new ConsentRules.Consent(false, false, false));
        assertThat(ConsentRules.merge(null, false)).isEqualTo(new ConsentRules.Consent(false, false, false));
    }
}
