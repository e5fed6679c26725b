package com.penguinmails.crmsync.serve.console;

import com.penguinmails.crmsync.monitor.SyncHealth.ActivityPoint;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A connection's activity as the chart's data, column by column as uPlot takes it: bucket starts (epoch seconds),
 * records in, records out, and lag in seconds (null where nothing was measured: a gap in the line).
 */
record ActivityChart(List<Long> time, List<Long> recordsIn, List<Long> recordsOut, List<@Nullable Double> lagSeconds) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The columns of {@code points}, oldest first as given. */
    static ActivityChart of(List<ActivityPoint> points) {
        List<Long> time = new ArrayList<>(points.size());
        List<Long> in = new ArrayList<>(points.size());
        List<Long> out = new ArrayList<>(points.size());
        List<@Nullable Double> lag = new ArrayList<>(points.size());
        for (ActivityPoint point : points) {
            time.add(point.start().getEpochSecond());
            in.add(point.recordsIn());
            out.add(point.recordsOut());
            lag.add(point.lagSeconds());
        }
        return new ActivityChart(time, in, out, lag);
    }

    /** The JSON the page embeds (numbers and nulls only, so it is safe inside a script element). */
    String json() {
        return JSON.writeValueAsString(this);
    }
}
