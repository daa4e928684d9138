/* Private to src/report: the report's fixed style sheet and script
 * (assets.c), kept apart from the code that writes the page around them. */
#ifndef GAZMAP_REPORT_INTERNAL_H
#define GAZMAP_REPORT_INTERNAL_H

/* The style sheet.  Every '~' stands for the id prefix (report.c writes the
 * prefix in its place), and every selector starts with the report's root
 * "#~report", so the rules reach nothing outside the report.  The report's
 * own classes are "~r-…", a name no class of the map's SVG takes, so the
 * rules reach nothing inside the embedded map either (but its marks). */
extern const char gz_report_css[];

/* The script that links mentions, table rows and map marks.  It is the same
 * bytes for every report (it finds its own root and knows no id), so the
 * full page's Content-Security-Policy can allow exactly it by hash. */
extern const char gz_report_script[];

/* "sha256-<base64>" of gz_report_script, for the CSP's script-src. */
extern const char gz_report_script_hash[];

#endif
