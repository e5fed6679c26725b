/*
 * The sync-health page's 24-hour chart: records synced in and out (left axis) and lag in seconds (right axis), drawn
 * with uPlot from the JSON the page embeds (#activity-data). Without JavaScript the table under it has the same numbers.
 */
(function () {
    "use strict";
    var data = document.getElementById("activity-data");
    var target = document.getElementById("activity-chart");
    if (!data || !target || typeof uPlot === "undefined") {
        return;
    }
    var activity = JSON.parse(data.textContent);
    var options = {
        width: Math.max(320, target.clientWidth || 800),
        height: 280,
        // the table's hours are UTC: so are the axis's
        tzDate: function (ts) {
            return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC");
        },
        series: [
            {},
            {label: "Records in", stroke: "#1f6fb4", width: 2},
            {label: "Records out", stroke: "#2c8a3c", width: 2, dash: [6, 3]},
            {label: "Lag (s)", stroke: "#b42318", width: 1, scale: "s"}
        ],
        axes: [
            {},
            {label: "records"},
            {side: 1, scale: "s", label: "lag (s)", grid: {show: false}}
        ]
    };
    new uPlot(options, [activity.time, activity.recordsIn, activity.recordsOut, activity.lagSeconds], target);
})();
