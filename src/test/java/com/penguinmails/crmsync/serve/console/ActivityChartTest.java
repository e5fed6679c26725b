package com.penguinmails.crmsync.serve.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.monitor.SyncHealth.ActivityPoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's data is the activity column by column, as uPlot takes it, with gaps where no lag was measured. */
class ActivityChartTest {

    @Test
    void pointsBecomeColumnsWithNullLagAsGaps() {
        Instant start = Instant.parse("2026-12-02T07:00:00Z");
        ActivityChart chart = ActivityChart.of(List.of(new ActivityPoint(start, 3, 1, 0, null),
                new ActivityPoint(start.plusSeconds(3600), 0, 7, 2, 12.5)));

        assertThat(chart.json()).isEqualTo("{\"time\":[" + start.getEpochSecond() + "," + (start.getEpochSecond()
                + 3600) + "],\"recordsIn\":[3,0],\"recordsOut\":[1,7],\"lagSeconds\":[null,12.5]}");
    }

    @Test
    void noActivityIsEmptyColumns() {
        assertThat(ActivityChart.of(List.of()).json())
                .isEqualTo("{\"time\":[],\"recordsIn\":[],\"recordsOut\":[],\"lagSeconds\":[]}");
    }
}
