// The console's one script (no inline script: the pages' CSP forbids it). Copy buttons, the overview's charts (Chart.js,
// vendored), and live outcomes where a page asks for them.
(function () {
    "use strict";

    function copyButtons() {
        document.querySelectorAll("button[data-copy]").forEach(function (button) {
            button.addEventListener("click", function () {
                var source = document.getElementById(button.getAttribute("data-copy"));
                if (!source) return;
                var text = source.textContent;
                var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy"; }, 1500); };
                if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
                else fallback();
                function fallback() {
                    var area = document.createElement("textarea");
                    area.value = text;
                    document.body.appendChild(area);
                    area.select();
                    document.execCommand("copy");
                    area.remove();
                    done();
                }
            });
        });
    }

    function chart(id, config) {
        var canvas = document.getElementById(id);
        if (!canvas || !window.Chart) return;
        config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
        window.trackingCharts = window.trackingCharts || {};
        window.trackingCharts[id] = new window.Chart(canvas, config);
    }

    function overview() {
        var node = document.getElementById("overview-data");
        if (!node) return;
        var d = JSON.parse(node.textContent);
        var stacked = { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } };
        chart("chart-methods", {
            type: "bar",
            data: {
                labels: d.days, datasets: [
                    { label: "both", data: d.both, backgroundColor: "#1a7f37" },
                    { label: "pixel only", data: d.pixelOnly, backgroundColor: "#0969da" },
                    { label: "postback only", data: d.postbackOnly, backgroundColor: "#bf8700" },
                    { label: "awaiting", data: d.awaiting, backgroundColor: "#8c959f" }]
            },
            options: { scales: stacked }
        });
        chart("chart-match", {
            type: "line",
            data: { labels: d.days, datasets: [{ label: "match rate", data: d.matchRate, borderColor: "#1a7f37", backgroundColor: "#1a7f37" }] },
            options: { scales: { y: { min: 0, max: 1, ticks: { callback: function (v) { return Math.round(v * 100) + " %"; } } } } }
        });
        chart("chart-reasons", {
            type: "bar",
            data: { labels: d.reasons, datasets: [{ label: "count", data: d.reasonCounts, backgroundColor: "#cf222e" }] },
            options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
        });
        chart("chart-amounts", {
            type: "bar",
            data: { labels: d.days, datasets: [{ label: "amount mismatches", data: d.amountMismatch, backgroundColor: "#bc4c00" }] },
            options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
        });
    }

    // A block with data-live="url" reloads its fragment every second until the fragment says it is settled.
    function live() {
        document.querySelectorAll("[data-live]").forEach(function (block) {
            var url = block.getAttribute("data-live");
            var tick = function () {
                fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } }).then(function (r) { return r.text(); }).then(function (html) {
                    block.innerHTML = html;
                    if (!block.querySelector("[data-settled=true]")) setTimeout(tick, 1000);
                }, function () { setTimeout(tick, 2000); });
            };
            tick();
        });
    }

    function ready() {
        copyButtons();
        overview();
        live();
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
    else ready();
})();
