/* Draws the consolidation charts from the JSON block the page embeds (json_script). No inline code: CSP. */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = { "vượt": "#2e7d32", "đạt": "#1f5f9e", "chưa đạt": "#c62828" };

  var progress = document.getElementById("chart-progress");
  if (progress && data.progress.length) {
    new Chart(progress, {
      type: "bar",
      data: {
        labels: data.progress.map(function (p) { return p.name; }),
        datasets: [{
          label: "% kế hoạch",
          data: data.progress.map(function (p) { return p.percent; }),
          backgroundColor: data.progress.map(function (p) { return colours[p.verdict] || "#888"; })
        }]
      },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, suggestedMax: 120 } } }
    });
  } else if (progress) {
    progress.parentNode.hidden = true;
  }

  var canvas = document.getElementById("chart-series");
  var select = document.getElementById("chart-indicator");
  if (!canvas || !data.series.length) { return; }
  var chart = new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: data.series[0].name, data: data.series[0].values, backgroundColor: "#4a90d9" }] },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
  });
  if (select) {
    select.addEventListener("change", function () {
      var series = data.series[Number(select.value)];
      chart.data.datasets[0].label = series.name;
      chart.data.datasets[0].data = series.values;
      chart.update();
    });
  }
})();
