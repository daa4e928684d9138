/* The report's style sheet and script (see report_internal.h). */
#include "report_internal.h"

/* Two columns on a wide screen: the text, reflowed into lines a reader can
 * follow (about 42 em), and beside it a column that stays in view while the
 * text scrolls, with the map on top and the places table under it, so a
 * highlighted place is visible wherever the reader is in the text.  One
 * column below 1100 px. */
const char gz_report_css[] =
    "#~report{font-family:'DejaVu Sans',sans-serif;color:#222;background:#fafafa;"
    "line-height:1.5;text-align:left}"
    "#~report :not(svg *){box-sizing:border-box}"
    "#~report .~r-head{padding:12px 24px;background:#234;color:#fff}"
    "#~report .~r-head h1{margin:0;font-size:22px;line-height:1.3;color:#fff}"
    "#~report .~r-head p{margin:4px 0 0;font-size:13px;color:#cde}"
    /* The side column is the map's width plus its section's padding and
     * border (2 x 12 + 2 x 1 px), so the map is shown at the width it is
     * drawn for (tests/report/legend-size.sh measures it). */
    "#~report .~r-main{display:grid;grid-template-columns:minmax(0,1fr) "
    "minmax(0,calc(var(--~mapw) + 26px));"
    "gap:16px;padding:16px;align-items:start}"
    "#~report section{background:#fff;border:1px solid #ddd;border-radius:4px;padding:8px 12px}"
    "#~report h2{font-size:16px;margin:4px 0 8px}"
    "#~report .~r-side{position:sticky;top:0;max-height:100vh;overflow:auto;display:flex;"
    "flex-direction:column;gap:16px}"
    "#~report .~r-body p{max-width:42em;margin:0 0 .9em;font-size:15px;line-height:1.6}"
    "#~report a.~r-m{background:#ffe066;color:#000;text-decoration:none;border-radius:2px;"
    "padding:0 1px}"
    "#~report a.~r-m.~r-org{background:#d9e2ec;border-bottom:1px dashed #567}"
    /* A place the gazetteer lacks: marked, linked to nothing, not on the map. */
    "#~report .~r-unresolved{background:none;border-bottom:2px dotted #c60;color:#000}"
    "#~report a.~r-m[data-hl]{background:#f08c00;color:#fff}"
    "#~report .~r-m:target,#~report tr:target{outline:2px solid #d33}"
    "#~report tr[data-hl]{background:#fff3bf}"
    /* The map is drawn for the column's width: shown at its own size, its
     * labels are as legible as the style makes them. */
    "#~report .~r-mapbox svg{width:100%;height:auto;display:block}"
    "#~report .~r-pt{fill:transparent;stroke:transparent;stroke-width:2;cursor:pointer;"
    "pointer-events:all}"
    "#~report .~r-pt:hover{stroke:#d9480f}"
    "#~report .~r-pt[data-hl]{fill:rgba(240,140,0,.35);stroke:#d9480f;stroke-width:3}"
    "#~report .~r-mentions{font-size:13px;min-height:1.5em;margin:6px 0 0}"
    "#~report .~r-mentions ol{margin:4px 0;padding-left:2em}"
    "#~report table{border-collapse:collapse;font-size:12px;width:100%}"
    "#~report th,#~report td{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;"
    "vertical-align:top}"
    "#~report td.~r-n{text-align:right}#~report td.~r-back a{color:#567;margin-right:3px}"
    "#~report tr[data-p]{cursor:pointer}"
    "#~report .~r-legend span{padding:0 4px;margin-right:8px}"
    "#~report .~r-legend .~r-m{background:#ffe066}#~report .~r-legend .~r-org{background:#d9e2ec}"
    "@media (max-width:1100px){#~report .~r-main{grid-template-columns:minmax(0,1fr)}"
    "#~report .~r-side{position:static;max-height:none}}";

/* Delegated handlers on the report's root: hovering a mention, a table row
 * or a map mark marks every element of that place (data-hl); a click pins
 * it and lists the place's mentions, each with a little of its context,
 * under the map.  A URL fragment naming a mention or a place row pins it on
 * load, so a link can point at a place (and a headless browser can check
 * the linking without a pointer).  It finds elements by data-p, never by
 * id, so two reports in one page each work on their own; it fetches
 * nothing.  Any change here changes gz_report_script_hash (below). */
const char gz_report_script[] =
    "(function(){var s=document.currentScript,r=s&&s.parentNode;"
    "if(!r||r.hasAttribute('data-bound'))return;r.setAttribute('data-bound','');"
    "var box=r.querySelector('[data-mentions]'),cur=null,pin=null;"
    "function of(id){return id?r.querySelectorAll('[data-p=\"'+id+'\"]'):[];}"
    "function mark(id,on){var l=of(id),i;for(i=0;i<l.length;i++){"
    "if(on)l[i].setAttribute('data-hl','');else l[i].removeAttribute('data-hl');}}"
    "function show(id){if(cur===id)return;mark(cur,false);cur=id;mark(cur,true);}"
    "function list(id){if(!box)return;box.textContent='';"
    "var ms=r.querySelectorAll('[data-at][data-p=\"'+id+'\"]'),"
    "row=r.querySelector('tr[data-p=\"'+id+'\"]'),h=document.createElement('b'),"
    "ol=document.createElement('ol'),i;"
    "h.textContent=(row?row.getAttribute('data-name'):id)+': '+ms.length+"
    "(ms.length==1?' mention':' mentions');box.appendChild(h);"
    "for(i=0;i<ms.length;i++){var m=ms[i],li=document.createElement('li'),"
    "a=document.createElement('a'),p=m.previousSibling,n=m.nextSibling;"
    "a.href='#'+m.id;a.textContent=m.textContent;"
    "li.appendChild(document.createTextNode('\\u2026'+(p?p.textContent.slice(-40):'')));"
    "li.appendChild(a);"
    "li.appendChild(document.createTextNode((n?n.textContent.slice(0,40):'')+'\\u2026'));"
    "ol.appendChild(li);}box.appendChild(ol);}"
    "function choose(t){var id=t.getAttribute('data-p');pin=id;show(id);list(id);"
    "if(t.tagName!=='TR'){var row=r.querySelector('tr[data-p=\"'+id+'\"]');"
    "if(row&&row.scrollIntoView)row.scrollIntoView({block:'nearest'});}}"
    "function near(e){return e.target.closest?e.target.closest('[data-p]'):null;}"
    "r.addEventListener('mouseover',function(e){var t=near(e);"
    "if(t&&r.contains(t))show(t.getAttribute('data-p'));});"
    "r.addEventListener('mouseout',function(e){var t=e.relatedTarget&&e.relatedTarget.closest?"
    "e.relatedTarget.closest('[data-p]'):null;if(!t)show(pin);});"
    "r.addEventListener('click',function(e){var t=near(e),a=e.target.closest?"
    "e.target.closest('a'):null;if(!t||!r.contains(t))return;"
    "if(a&&a!==t&&!a.hasAttribute('data-p')&&t.tagName==='TR')return;"
    "e.preventDefault();choose(t);});"
    "function fromHash(){var h=decodeURIComponent(location.hash.slice(1)),t;"
    "if(!h)return;t=document.getElementById(h);if(t&&r.contains(t)&&t.hasAttribute('data-p'))"
    "choose(t);}"
    "window.addEventListener('hashchange',fromHash);fromHash();})();";

/* python3 -c "import base64,hashlib,sys; print(base64.b64encode(hashlib.sha256(
 * sys.stdin.buffer.read()).digest()).decode())" on the script's bytes;
 * tests/report/report-browser.sh recomputes it and fails when it is stale
 * (Chromium would then refuse to run the script in the full page). */
const char gz_report_script_hash[] = "sha256-/ejhG/Yo+N3c9pE8i1gYTGC/EbrJHDYIFIkVifnBnGA=";
