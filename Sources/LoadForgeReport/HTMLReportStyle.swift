/// The report's stylesheet and its start-up script, inlined into every page.
enum HTMLReportStyle {
  /// Light theme, system fonts, one column that narrows to a phone's width.
  static let css = """
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;background:#f4f6f9;color:#1f2933;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
    .wrap{max-width:1120px;margin:0 auto;padding:0 20px}
    header.top{background:#fff;border-bottom:1px solid #dde2ea}
    header.top .wrap{padding-top:14px;padding-bottom:8px}
    .brand{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#5b6b80}
    h1{font-size:24px;margin:2px 0 4px}
    .meta{margin:0 0 8px;color:#5b6b80;font-size:14px}
    nav{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px}
    nav a{color:#0b6bcb;text-decoration:none}
    nav a:hover{text-decoration:underline}
    main.wrap{padding-top:18px;padding-bottom:30px}
    .card{background:#fff;border:1px solid #dde2ea;border-radius:10px;padding:18px 20px;margin:0 0 18px}
    h2{font-size:19px;margin:0 0 4px}
    h3{font-size:15px;margin:20px 0 8px}
    .explain{margin:0 0 10px;color:#3e4c5e;font-size:14px;max-width:900px}
    .note{color:#5b6b80;font-size:13px;margin:8px 0}
    .note.warn{color:#8a5a00;background:#fff6e0;border:1px solid #f1d48a;border-radius:6px;padding:8px 12px}
    .note.good,.ok{color:#1e7a35}
    .note.alarm{color:#8c1d13;background:#fdecea;border:1px solid #f0b2ac;border-radius:6px;padding:8px 12px;font-weight:600}
    .bad{color:#b3261e}
    .verdict{display:flex;align-items:center;gap:16px;border-radius:10px;padding:14px 18px;margin-bottom:16px;border:1px solid}
    .verdict.pass{background:#e8f5ec;border-color:#a8d5b5}
    .verdict.fail{background:#fdecea;border-color:#f0b2ac}
    .verdict.none{background:#eef1f5;border-color:#cfd6e0}
    .badge{font-weight:700;font-size:15px;letter-spacing:.06em;padding:8px 14px;border-radius:8px;color:#fff;white-space:nowrap}
    .pass .badge{background:#1e8e3e}
    .fail .badge{background:#c0392b}
    .none .badge{background:#6b7a90}
    .verdict-title{font-weight:650;font-size:17px}
    .verdict-detail{font-size:14px;color:#3e4c5e}
    .kpis{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:10px}
    .kpi{border:1px solid #e3e7ee;border-radius:8px;padding:10px 12px;background:#fbfcfd}
    .kpi-label{font-size:12px;color:#5b6b80;text-transform:uppercase;letter-spacing:.05em}
    .kpi-value{font-size:22px;font-weight:650;font-variant-numeric:tabular-nums;white-space:nowrap}
    .kpi-sub{font-size:12px;color:#6b7a90}
    .kpi.good .kpi-value{color:#1e7a35}
    .kpi.bad .kpi-value{color:#b3261e}
    dl.details{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:2px 24px;margin:0}
    dl.details div,dl.glossary div{padding:4px 0;border-bottom:1px solid #eef1f5}
    dt{font-size:12px;color:#5b6b80}
    dd{margin:0;font-size:14px}
    dl.glossary{margin:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:4px 24px}
    dl.glossary dt{font-size:14px;font-weight:650;color:#1f2933}
    .chart{width:100%;min-height:340px}
    .table-wrap{overflow-x:auto;margin:6px 0}
    .table-wrap.tall{max-height:520px;overflow-y:auto;border:1px solid #eef1f5;border-radius:6px}
    table{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums}
    table.raw{font-size:12.5px}
    table.raw th,table.raw td{padding:5px 7px}
    table.narrow{width:auto;min-width:240px}
    th,td{padding:6px 10px;border-bottom:1px solid #eef1f5;text-align:left;vertical-align:top}
    th{background:#f7f9fb;font-weight:600;color:#3e4c5e;position:sticky;top:0}
    td.num,th.num{text-align:right}
    td.num{white-space:nowrap}
    td.num.none{text-align:center;color:#6b7a90}
    tr.drain td{color:#6b7a90;font-style:italic}
    code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f3f6;padding:1px 5px;border-radius:4px}
    .method{font:11px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#e8eef8;color:#0b4f99;padding:1px 5px;border-radius:4px}
    ul.examples{margin:0;padding-left:18px}
    footer{color:#6b7a90;font-size:12px;text-align:center;padding:0 20px 30px}
    @media (max-width:800px){.kpis{grid-template-columns:repeat(2,minmax(0,1fr))}}
    @media (max-width:640px){.wrap{padding:0 10px}.card{padding:14px 12px}h1{font-size:20px}.verdict{flex-direction:column;align-items:flex-start}}
    @media print{.card{break-inside:avoid}}
    """

  /// Draws every `[data-figure]` element from its embedded JSON; without Plotly (the resource
  /// missing from a build), says so in place of each chart instead of failing silently.
  static let startScript = """
    (function () {
      var charts = document.querySelectorAll("[data-figure]");
      var config = {responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"]};
      for (var i = 0; i < charts.length; i++) {
        var el = charts[i];
        var fig = JSON.parse(document.getElementById(el.getAttribute("data-figure")).textContent);
        if (typeof Plotly === "undefined") {
          el.textContent = "Chart unavailable: this report was written without Plotly.js.";
          continue;
        }
        Plotly.newPlot(el, fig.data, fig.layout, config);
      }
    })();
    """
}
