/* Saima dashboard: draws the charts from the JSON the page embeds (json_script
   "dashboard-data") with ECharts, loaded from npm. Tables and CSV downloads are server-side. */
(function () {
  "use strict";
  var node = document.getElementById("dashboard-data");
  if (!node || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var charts = [];
  var COLOURS = { green: "#2e7d32", yellow: "#f9a825", red: "#c62828" };

  function num(v) { return v === null || v === undefined ? null : Number(v); }
  function make(id, option) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    charts.push(chart);
    return chart;
  }

  // Stage funnel: how many projects reached each stage, with the target and completion.
  var f = data.funnel;
  make("chart-funnel", {
    tooltip: { trigger: "item" },
    series: [{
      type: "funnel", sort: "none", left: "5%", width: "90%", top: 8, bottom: 8,
      minSize: "45%", gap: 2,
      label: { position: "inside", formatter: function (p) {
        var i = p.dataIndex, t = f.target[i];
        return p.name + " " + p.value + (t === null ? "" : " / " + t) +
          (f.completion[i] === null ? "" : "（" + Number(f.completion[i]) + "%）");
      } },
      data: f.labels.map(function (name, i) { return { name: name, value: f.actual[i] }; })
    }]
  });

  // Figures by sub-region: one indicator at a time, sortable, click a bar to drill down.
  var c = data.children;
  var select = document.getElementById("children-indicator");
  var order = "name";
  var childChart = null;
  function drawChildren() {
    var key = select ? select.value : c.indicators[0].key;
    var rows = c.labels.map(function (name, i) {
      return { name: name, value: num(c.values[key][i]), link: c.links[i] };
    });
    if (order === "value") {
      rows.sort(function (a, b) { return (b.value === null ? -1 : b.value) - (a.value === null ? -1 : a.value); });
    }
    var option = {
      grid: { left: 70, right: 40, top: 24, bottom: 30 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }) },
      series: [{
        type: "bar", itemStyle: { color: "#c23531" },
        label: { show: true, position: "right", formatter: function (p) { return p.value === null ? "—" : p.value + "%"; } },
        data: rows.map(function (r) { return { value: r.value, link: r.link }; }),
        markLine: c.progress === null ? undefined : {
          symbol: "none", label: { position: "start", formatter: c.progress_label + " " + Number(c.progress) + "%" },
          data: [{ xAxis: num(c.progress) }]
        }
      }]
    };
    if (childChart) { childChart.setOption(option, true); } else { childChart = make("chart-children", option); }
  }
  if (c && c.labels.length) {
    if (select) {
      c.indicators.forEach(function (ind) {
        var opt = document.createElement("option");
        opt.value = ind.key; opt.textContent = ind.label; select.appendChild(opt);
      });
      select.addEventListener("change", drawChildren);
    }
    document.querySelectorAll("[data-sort]").forEach(function (button) {
      button.addEventListener("click", function () { order = button.getAttribute("data-sort"); drawChildren(); });
    });
    drawChildren();
    if (childChart) {
      childChart.on("click", function (p) { if (p.data && p.data.link) { window.location.href = p.data.link; } });
    }
  }

  // Traffic light counts for projects and sub-regions.
  var l = data.lights;
  make("chart-lights", {
    grid: { left: 70, right: 20, top: 30, bottom: 20 },
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: l.rows },
    series: l.colours.map(function (colour, i) {
      return {
        name: l.labels[i], type: "bar", stack: "lights", itemStyle: { color: COLOURS[colour] },
        label: { show: true, formatter: function (p) { return p.value ? p.value : ""; } },
        data: [l.projects[i], l.regions[i]]
      };
    })
  });

  window.addEventListener("resize", function () { charts.forEach(function (ch) { ch.resize(); }); });
})();
