/**
 * The administration pages' stylesheet, inlined in each page (Helmet's CSP allows inline
 * styles, not inline scripts). Colours meet WCAG AA contrast against their backgrounds.
 */
export const ADMIN_CSS = `
:root {
  --text: #1a202c; --muted: #4a5568; --line: #cbd5e0; --bg: #f7f8fa; --panel: #fff;
  --primary: #1d4ed8; --primary-dark: #1e3a8a; --danger: #b91c1c; --ok: #166534; --warn: #854d0e;
  --focus: #1d4ed8;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--text); background: var(--bg); line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--primary); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: 1rem; }
.topbar { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.5rem; background: #102a43; color: #fff; flex-wrap: wrap; }
.topbar a, .topbar button { color: #fff; }
.brand { font-weight: 700; text-decoration: none; }
.topbar nav ul { display: flex; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; align-items: center; }
.topbar nav a { text-decoration: none; padding: .3rem .5rem; border-radius: 4px; }
.topbar nav a:hover { text-decoration: underline; }
.topbar nav a[aria-current="page"] { background: #fff; color: #102a43; font-weight: 600; }
.topbar :focus-visible { outline-color: #fff; }
.nav-group { color: #d9e2ec; font-size: .85rem; }
.account { margin-left: auto; display: flex; gap: .75rem; align-items: center; font-size: .9rem; }
.account form { margin: 0; }
.banner:empty { display: none; }
.banner { margin: 0; padding: .75rem 1.5rem; background: #fef3c7; color: #713f12; border-bottom: 1px solid #f59e0b; }
main { padding: 1.25rem 1.5rem 3rem; max-width: 1280px; margin: 0 auto; }
.page-header { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
h1 { margin: .25rem 0; font-size: 1.6rem; }
h2 { font-size: 1.2rem; margin: 0 0 .75rem; }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
.lead { color: var(--muted); margin: .25rem 0 0; max-width: 60ch; }
.panel > .lead { margin-bottom: .75rem; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
.grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.25rem; align-items: start; }
@media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
button, .button { font: inherit; cursor: pointer; border-radius: 6px; padding: .4rem .9rem;
  border: 1px solid var(--primary); background: var(--primary); color: #fff; }
button.secondary { background: #fff; color: var(--primary); }
button.danger { background: var(--danger); border-color: var(--danger); }
button[disabled], button[aria-disabled="true"] { opacity: .65; cursor: not-allowed; }
button.link { background: none; border: none; color: var(--primary); padding: 0; text-decoration: underline; text-align: left; }
input, select { font: inherit; padding: .35rem .5rem; border: 1px solid #718096; border-radius: 6px; background: #fff; color: var(--text); }
input[aria-invalid="true"], select[aria-invalid="true"] { border-color: var(--danger); }
label { font-weight: 600; }
.field { display: flex; flex-direction: column; gap: .2rem; margin-bottom: .6rem; }
.row { display: flex; gap: .5rem; align-items: flex-end; flex-wrap: wrap; }
.row.wide { gap: .5rem 1.5rem; }
.hint { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
th, td { text-align: left; padding: .5rem .5rem; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
th { font-size: .85rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
tr[aria-current="true"] { background: #eff6ff; }
.table-wrap { overflow-x: auto; }
.pager { display: flex; gap: .75rem; align-items: center; margin-top: .75rem; }
.badge { display: inline-block; border-radius: 999px; padding: .05rem .55rem; font-size: .85rem; font-weight: 600; border: 1px solid; white-space: nowrap; }
.badge.ok { color: var(--ok); background: #dcfce7; border-color: #86efac; }
.badge.warn { color: var(--warn); background: #fef9c3; border-color: #facc15; }
.badge.bad { color: var(--danger); background: #fee2e2; border-color: #fca5a5; }
.badge.neutral { color: #334155; background: #f1f5f9; border-color: #cbd5e1; }
.delivery { display: block; color: var(--muted); font-size: .85rem; }
.status { min-height: 1.5em; margin: .5rem 0; }
.status.ok { color: var(--ok); }
.status.error { color: var(--danger); }
.field-error:empty { display: none; }
.explanation { font-size: 1.1rem; font-weight: 600; padding: .75rem 1rem; border-left: 4px solid var(--primary); background: #eff6ff; margin: .5rem 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 2px solid var(--line); }
ol.timeline li { padding: .25rem 0 .5rem 1rem; position: relative; }
ol.timeline time { display: block; color: var(--muted); font-size: .85rem; }
.switch-field { display: flex; flex-direction: column; align-items: flex-end; gap: .25rem; }
.switch-row { display: flex; align-items: center; gap: .75rem; }
.switch-label { font-weight: 700; }
[role="switch"] { display: inline-flex; align-items: center; gap: .5rem; background: #fff; color: var(--text); border: 2px solid #4a5568; border-radius: 999px; padding: .2rem .7rem .2rem .25rem; }
.switch-track { width: 2.6rem; height: 1.4rem; border-radius: 999px; background: #718096; position: relative; }
.switch-thumb { position: absolute; top: .15rem; left: .15rem; width: 1.1rem; height: 1.1rem; border-radius: 50%; background: #fff; transition: left .15s; }
[role="switch"][aria-checked="true"] { border-color: var(--ok); }
[role="switch"][aria-checked="true"] .switch-track { background: var(--ok); }
[role="switch"][aria-checked="true"] .switch-thumb { left: 1.35rem; }
.switch-text { font-weight: 700; min-width: 2em; }
.switch-field .status { text-align: right; margin: 0; max-width: 34ch; font-size: .9rem; }
.copy-field { display: flex; gap: .5rem; align-items: center; }
.copy-field input { flex: 1; font-family: ui-monospace, Menlo, Consolas, monospace; }
.secret { border: 2px solid var(--warn); background: #fffbeb; border-radius: 8px; padding: .75rem 1rem; margin: .75rem 0; }
[role="tablist"] { display: flex; gap: .25rem; border-bottom: 2px solid var(--line); margin-bottom: 1rem; }
[role="tab"] { background: none; color: var(--text); border: none; border-bottom: 3px solid transparent; border-radius: 0; padding: .5rem 1rem; margin-bottom: -2px; }
[role="tab"][aria-selected="true"] { border-bottom-color: var(--primary); color: var(--primary); font-weight: 700; }
fieldset { border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; margin: 0 0 1rem; }
legend { font-weight: 700; padding: 0 .25rem; }
.choice { display: inline-flex; gap: .35rem; align-items: center; margin-right: 1.25rem; font-weight: 400; }
.menu-wrap { position: relative; display: inline-block; }
button.task { background: #fff; color: var(--text); border-color: #718096; padding: .15rem .6rem; font-size: 1.1rem; line-height: 1; }
[role="menu"] { position: absolute; right: 0; top: calc(100% + 4px); z-index: 5; list-style: none; margin: 0; padding: .25rem; min-width: 19rem;
  background: #fff; border: 1px solid #718096; border-radius: 8px; box-shadow: 0 6px 20px rgba(0,0,0,.15); }
[role="menuitem"] { display: block; width: 100%; text-align: left; background: #fff; color: var(--text); border: none; border-radius: 4px; padding: .45rem .6rem; }
[role="menuitem"]:hover, [role="menuitem"]:focus { background: #eff6ff; }
[role="menuitem"] .reason { display: block; font-size: .85rem; color: var(--muted); }
[role="menuitem"][aria-disabled="true"] { opacity: 1; color: var(--muted); cursor: not-allowed; }
[role="menuitem"][aria-disabled="true"] .reason { font-style: italic; }
.confirm { border: 1px solid #f59e0b; background: #fffbeb; padding: .75rem 1rem; border-radius: 8px; margin: .5rem 0; }
.mailbox { display: grid; grid-template-columns: minmax(16rem, 1fr) minmax(0, 2fr); gap: 1.25rem; align-items: start; }
@media (max-width: 900px) { .mailbox { grid-template-columns: 1fr; } }
.messages { list-style: none; margin: 0; padding: 0; }
.messages li button { width: 100%; text-align: left; background: #fff; color: var(--text); border: 1px solid var(--line); margin-bottom: .4rem; }
.messages li button[aria-current="true"] { border: 2px solid var(--primary); background: #eff6ff; }
.messages .subject { display: block; font-weight: 600; }
.messages .meta { display: block; font-size: .85rem; color: var(--muted); }
iframe.preview { width: 100%; height: 560px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.preview-pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .75rem; }
@media (max-width: 1100px) { .preview-pair { grid-template-columns: 1fr; } }
.preview-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; padding: .75rem; height: 560px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; font-size: .85rem; }
textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #718096; border-radius: 6px; background: #fff; color: var(--text); }
.links { margin: .25rem 0 1rem; padding-left: 1.25rem; word-break: break-all; }
`;
