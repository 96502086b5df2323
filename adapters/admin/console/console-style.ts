/** The console's stylesheet, served at /admin/assets/console.css (a string, so the build ships it with the code). */
export const consoleCss = `
:root { --fg:#1d2329; --muted:#5f6b76; --line:#d8dee4; --bg:#f6f8fa; --card:#fff; --accent:#1f6feb; --ok:#1a7f37; --warn:#9a6700; --bad:#cf222e;
  --s1:#1f6feb; --s2:#e16f24; --s3:#8250df; --s4:#1a7f37; --s5:#bf3989; --s6:#6e7781; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--accent); }
header.top { display:flex; flex-wrap:wrap; align-items:center; gap:.25rem 1rem; padding:.6rem 1rem; background:#24292f; color:#fff; }
header.top .brand { font-weight:700; margin-right:.5rem; }
header.top nav { display:flex; flex-wrap:wrap; gap:.25rem; flex:1; }
header.top nav a { color:#d0d7de; text-decoration:none; padding:.3rem .6rem; border-radius:6px; }
header.top nav a[aria-current=page] { background:#fff2; color:#fff; }
header.top form { margin:0; }
main { max-width:1240px; margin:0 auto; padding:1rem; }
h1 { font-size:1.4rem; margin:.2rem 0 1rem; }
h2 { font-size:1.05rem; margin:0 0 .6rem; }
.cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(170px,1fr)); gap:.75rem; margin-bottom:1rem; }
.card, section.panel { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.75rem 1rem; }
.card .value { font-size:1.5rem; font-weight:650; }
.card .label { color:var(--muted); font-size:.85rem; }
.grid2 { display:grid; grid-template-columns:repeat(auto-fit,minmax(340px,1fr)); gap:1rem; margin-bottom:1rem; }
section.panel { margin-bottom:1rem; }
svg.chart { width:100%; max-width:560px; height:auto; display:block; }
svg.chart text { font-size:13px; fill:var(--muted); }
svg.chart .grid { stroke:var(--line); }
.s1 { fill:var(--s1); stroke:var(--s1); } .s2 { fill:var(--s2); stroke:var(--s2); } .s3 { fill:var(--s3); stroke:var(--s3); }
.s4 { fill:var(--s4); stroke:var(--s4); } .s5 { fill:var(--s5); stroke:var(--s5); } .s6 { fill:var(--s6); stroke:var(--s6); }
svg.chart polyline { fill:none; stroke-width:2; }
.legend { display:flex; flex-wrap:wrap; gap:.3rem 1rem; font-size:.85rem; color:var(--muted); margin-top:.3rem; }
.legend i { display:inline-block; width:.8rem; height:.8rem; border-radius:2px; margin-right:.3rem; vertical-align:-1px; }
.legend i.s1 { background:var(--s1); } .legend i.s2 { background:var(--s2); } .legend i.s3 { background:var(--s3); }
.legend i.s4 { background:var(--s4); } .legend i.s5 { background:var(--s5); } .legend i.s6 { background:var(--s6); }
form.filters { display:flex; flex-wrap:wrap; gap:.5rem; align-items:end; margin-bottom:1rem; }
label { display:flex; flex-direction:column; font-size:.85rem; color:var(--muted); gap:.15rem; }
input, select, button { font:inherit; padding:.4rem .55rem; border:1px solid var(--line); border-radius:6px; background:#fff; color:var(--fg); }
button { cursor:pointer; background:#f3f4f6; }
button.primary { background:var(--accent); border-color:var(--accent); color:#fff; }
button.danger { color:var(--bad); }
header.top button { background:transparent; color:#d0d7de; border-color:#57606a; }
.table-wrap { overflow-x:auto; background:var(--card); border:1px solid var(--line); border-radius:8px; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:.5rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:.8rem; color:var(--muted); font-weight:600; white-space:nowrap; }
td.num { text-align:right; white-space:nowrap; }
td .sub { color:var(--muted); font-size:.82rem; word-break:break-all; }
td form { display:inline; }
.actions { white-space:nowrap; }
.badge { display:inline-block; padding:.05rem .45rem; border-radius:999px; font-size:.8rem; border:1px solid currentColor; white-space:nowrap; }
.badge.indexed, .badge.grounded, .badge.helpful, .badge.on { color:var(--ok); }
.badge.pending, .badge.processing, .badge.cached, .badge.half-open { color:var(--warn); }
.badge.failed, .badge.declined, .badge.not_helpful, .badge.open, .badge.off { color:var(--bad); }
.reason { color:var(--bad); font-size:.88rem; margin-top:.2rem; }
.flash { padding:.6rem .9rem; border-radius:8px; margin-bottom:1rem; background:#ddf4ff; border:1px solid #54aeff; }
.flash.error { background:#ffebe9; border-color:#ff8182; }
.dropzone { border:2px dashed var(--line); border-radius:8px; padding:1rem; text-align:center; color:var(--muted); background:var(--card); }
.dropzone.over { border-color:var(--accent); background:#ddf4ff; }
.dropzone .row { display:flex; flex-wrap:wrap; gap:.5rem; justify-content:center; align-items:end; margin-top:.6rem; }
.toolbar { display:flex; flex-wrap:wrap; gap:.75rem; align-items:start; margin-bottom:1rem; }
.toolbar > * { flex:1 1 320px; }
progress { width:100%; height:1rem; }
.tabs { display:flex; flex-wrap:wrap; gap:.25rem; margin-bottom:.8rem; }
.tabs a { padding:.35rem .7rem; border:1px solid var(--line); border-radius:999px; text-decoration:none; background:#fff; }
.tabs a[aria-current=page] { background:var(--accent); color:#fff; border-color:var(--accent); }
article.q { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.7rem 1rem; margin-bottom:.6rem; }
article.q .meta { display:flex; flex-wrap:wrap; gap:.3rem .8rem; color:var(--muted); font-size:.84rem; align-items:center; }
article.q .question { font-weight:600; margin:.25rem 0; }
article.q .answer { white-space:pre-wrap; margin:.3rem 0; }
article.q ul.sources { margin:.2rem 0 0; padding-left:1.2rem; font-size:.88rem; }
.muted { color:var(--muted); }
dl.kv { display:grid; grid-template-columns:max-content 1fr; gap:.3rem 1rem; margin:0; }
dl.kv dt { color:var(--muted); } dl.kv dd { margin:0; word-break:break-word; }
.login { max-width:380px; margin:12vh auto; }
.login form { display:flex; flex-direction:column; gap:.7rem; }
.pager { display:flex; gap:1rem; margin-top:.5rem; }
@media (max-width:640px) { main { padding:.6rem; } header.top nav { order:3; flex-basis:100%; } header.top form { margin-left:auto; }
  td.actions { white-space:normal; } td.actions form { display:block; margin-bottom:.3rem; } td strong { word-break:break-word; } th.wide, td.wide { display:none; } .card .value { font-size:1.25rem; } }
`
