/* The map's style table: the only place colours, widths, fonts and layout
 * distances are chosen.  The palette is calm (pale land, soft water) so
 * the thematic layers - warm hatching for handovers, green for
 * peacekeeping, one saturated colour per route - carry the message. */
#include "map/style_internal.h"

#include <pthread.h>
#include <string.h>

#define RGB(r, g, b)                                                                               \
  { (r) / 255.0, (g) / 255.0, (b) / 255.0, 1.0 }
#define RGBA(r, g, b, a)                                                                           \
  { (r) / 255.0, (g) / 255.0, (b) / 255.0, (a) }
#define NONE                                                                                       \
  { 0, 0, 0, 0 }

/* One colour per route option, far apart in hue from each other and from the
 * handover reds and peacekeeping greens. */
static const gz_route_style routes[] = {
    {"route-ijevan-qazax", RGB(125, 60, 152), 0},            /* purple */
    {"route-berd-tovuz", RGB(176, 96, 16), 0},               /* brown-orange */
    {"route-angeghakot-bichanak", RGB(31, 97, 141), 0},      /* dark blue */
    {"route-horadiz-meghri-ordubad", RGB(214, 0, 120), 3.2}, /* magenta, beside the rail */
    {"rail-yeraskh-horadiz", RGB(33, 33, 33), -3.2},         /* black: railway */
};

static const gz_style style =
    {
        .font_family = "DejaVu Sans",
        .paper = RGB(255, 255, 255),
        .nodata = RGB(236, 236, 232),
        .land_focus = RGB(250, 247, 238),
        .focus_iso = {"AZ", "AM", NULL},
        .land_other = RGB(233, 232, 226),
        .country_border = {RGB(110, 110, 110), 1.3, {0, 0}},
        .admin_border = {RGB(178, 172, 160), 0.6, {0, 0}},
        .water = RGB(170, 205, 232),
        .river = {RGB(98, 160, 210), 1.6, {0, 0}},
        .lake_outline = {RGB(98, 160, 210), 0.7, {0, 0}},
        .handed = {RGBA(192, 57, 43, 0.22),
                   RGBA(192, 57, 43, 0.75),
                   7.0,
                   45.0,
                   1.1,
                   {RGB(170, 45, 35), 1.4, {0, 0}}},
        .pending = {RGBA(192, 57, 43, 0.0),
                    RGBA(192, 57, 43, 0.6),
                    10.0,
                    45.0,
                    1.0,
                    {RGB(170, 45, 35), 1.4, {5, 3}}},
        .war = {RGBA(230, 150, 40, 0.20),
                RGBA(200, 120, 20, 0.55),
                9.0,
                -45.0,
                0.9,
                {RGB(190, 115, 20), 1.0, {0, 0}}},
        .pk_zone = {RGBA(30, 132, 73, 0.16), NONE, 0, 0, 0, {RGB(30, 132, 73), 1.3, {6, 3}}},
        .pk_corridor = {RGBA(30, 132, 73, 0.38), NONE, 0, 0, 0, {RGB(20, 100, 55), 1.3, {0, 0}}},
        .patrol = {RGB(20, 90, 50), 2.4, {7, 4}},
        .nkao1991 = {RGB(110, 75, 40), 1.3, {2, 2.5}},
        .loc1994 = {RGB(140, 25, 25), 1.5, {6, 2.5}},
        .loc2020 = {RGB(25, 25, 25), 1.6, {10, 3}},
        .mainroad = {RGBA(190, 140, 90, 0.85), 1.4, {0, 0}},
        .gazakh_fill = RGB(255, 255, 255),
        .gazakh_outline = {RGB(170, 45, 35), 1.6, {0, 0}},
        .gazakh_size = 7.0,
        .site_fill = RGB(108, 52, 131),
        .site_outline = {RGB(255, 255, 255), 1.2, {0, 0}},
        .site_size = 9.0,
        .routes = routes,
        .n_routes = sizeof routes / sizeof routes[0],
        .route_fallback = RGB(90, 90, 90),
        .route_width = 3.2,
        .route_schematic_dash = {10, 5},
        .route_schematic_alpha = 0.85,
        .rail_tick_every = 9.0,
        .rail_tick_len = 4.0,
        .rail_dash = RGB(255, 255, 255),
        .rail_dash_width = 0.45,
        .dot_fill = RGB(40, 40, 40),
        .dot_ring = RGB(255, 255, 255),
        .dot_capital = 4.2,
        .dot_city = 3.4,
        .dot_town = 2.6,
        .dot_village = 2.0,
        .highlight = RGBA(230, 126, 34, 0.85),
        .highlight_radius = 6.0,
        .highlight_width = 2.0,
        .text =
            {
                [GZ_TEXT_CAPITAL] = {15, 1, 0, 0, 0, RGB(20, 20, 20), RGBA(255, 255, 255, 0.9),
                                     3.0},
                [GZ_TEXT_CITY] = {13, 0, 0, 0, 0, RGB(30, 30, 30), RGBA(255, 255, 255, 0.9), 2.8},
                [GZ_TEXT_TOWN] = {11.5, 0, 0, 0, 0, RGB(45, 45, 45), RGBA(255, 255, 255, 0.9), 2.5},
                [GZ_TEXT_VILLAGE] = {10, 0, 0, 0, 0, RGB(70, 70, 70), RGBA(255, 255, 255, 0.9),
                                     2.2},
                [GZ_TEXT_COUNTRY] = {18, 0, 0, 1, 4.0, RGB(120, 120, 120), RGBA(255, 255, 255, 0.6),
                                     2.5},
                [GZ_TEXT_REGION] = {13, 0, 1, 1, 2.5, RGB(125, 85, 50), RGBA(255, 255, 255, 0.8),
                                    2.5},
                [GZ_TEXT_WATER] = {11, 0, 1, 0, 0.5, RGB(40, 100, 160), RGBA(255, 255, 255, 0.8),
                                   2.0},
                [GZ_TEXT_PATROL] = {9.5, 0, 1, 0, 0, RGB(20, 90, 50), RGBA(255, 255, 255, 0.9),
                                    2.0},
                [GZ_TEXT_SITE] = {10.5, 1, 0, 0, 0, RGB(108, 52, 131), RGBA(255, 255, 255, 0.9),
                                  2.4},
                [GZ_TEXT_TITLE] = {27, 1, 0, 0, 0, RGB(25, 25, 25), NONE, 0},
                [GZ_TEXT_SUBTITLE] = {15, 0, 0, 0, 0, RGB(80, 80, 80), NONE, 0},
                [GZ_TEXT_CREDITS] = {10.5, 0, 0, 0, 0, RGB(110, 110, 110), NONE, 0},
                [GZ_TEXT_LEGEND_HEAD] = {12.5, 1, 0, 0, 0, RGB(30, 30, 30), NONE, 0},
                [GZ_TEXT_LEGEND] = {11.5, 0, 0, 0, 0, RGB(40, 40, 40), NONE, 0},
                [GZ_TEXT_LEGEND_NOTE] = {10, 0, 1, 0, 0, RGB(100, 100, 100), NONE, 0},
                [GZ_TEXT_TICK] = {10, 0, 0, 0, 0, RGB(90, 90, 90), NONE, 0},
                [GZ_TEXT_SCALE] = {10.5, 0, 0, 0, 0, RGB(40, 40, 40), NONE, 0},
                [GZ_TEXT_INSET] = {9, 0, 0, 1, 1.0, RGB(110, 110, 110), NONE, 0},
                [GZ_TEXT_ROAD] = {8.5, 1, 0, 0, 0, RGB(140, 95, 55), RGBA(255, 255, 255, 0.9), 1.8},
                [GZ_TEXT_DISTRICT] = {9.5, 1, 1, 0, 0, RGB(150, 40, 30), RGBA(255, 255, 255, 0.85),
                                      2.2},
                /* A secondary class: a district too small for the first at
                 * this scale is labelled smaller, inside or by a callout. */
                [GZ_TEXT_DISTRICT_SMALL] = {8.0, 1, 1, 0, 0,
                                            RGB(150, 40, 30), RGBA(255, 255, 255, 0.9), 2.0},
                [GZ_TEXT_OVERLAY] = {10.5, 1, 0, 0, 0, RGB(25, 25, 25), RGBA(255, 255, 255, 0.9),
                                     2.4},
            },
        .frame = {RGB(90, 90, 90), 1.0, {0, 0}},
        .graticule_tick = {RGB(90, 90, 90), 1.0, {0, 0}},
        .tick_len = 7.0,
        .inset_frame = {RGB(120, 120, 120), 0.8, {0, 0}},
        .inset_extent = {RGB(200, 30, 30), 1.6, {0, 0}},
        .inset_border_width = 0.5,
        /* 0.2 grey, the ink of the page's furniture. */
        .scale_dark = {0.2, 0.2, 0.2, 1.0},
        .scale_light = RGB(255, 255, 255),
        .scale_outline = {{0.2, 0.2, 0.2, 1.0}, 0.8, {0, 0}},
        .scale_bar_height = 5,
        .north_fill = {0.2, 0.2, 0.2, 1.0},
        .north_outline = {{0.2, 0.2, 0.2, 1.0}, 1.0, {0, 0}},
        .north_size = 26,
        .margin = 24,
        .title_band = 84,
        .credits_band = 30,
        .credits_max_lines = 6,
        .title_max_lines = 2,
        .panel_width = 340,
        .panel_gap = 26,
        .tick_label_room = 22,
        .legend_swatch_w = 30,
        .legend_swatch_h = 16,
        .legend_row_gap = 6,
        .legend_indent = 40,
        /* The first section sits right under the inset's caption. */
        .legend_section_gap = {[GZ_LEGEND_HANDOVER] = 0,
                               [GZ_LEGEND_WAR] = 1,
                               [GZ_LEGEND_PEACEKEEPING] = 1,
                               [GZ_LEGEND_LINES] = 1,
                               [GZ_LEGEND_ROUTES] = 1,
                               [GZ_LEGEND_BASEMAP] = 1},
        .label_pad = 2.0,
        .label_fit_cell = 4.0,
        .label_cover_max = 0.05,
        .callout = {RGB(150, 40, 30), 0.9, {0, 0}},
        .callout_dot = 2.0,
        .callout_reach = 120,
        .halo_tolerance = 0.5,
        .scale_bar_target = 140,
        .inset_height = 230,
        .inset_lonlat = {36.0, 36.0, 51.5, 44.5},
        .statement_date = "20201110",
        .routes_since = "20210111",
        .delimitation_date = "20240524",
        .place_label_room = 95,
        .village_km_per_px = 0.2,
        .region_reach = 90,
        /* Teal: apart from the handover reds, the peacekeeping greens, the
         * routes' hues and the water's blue. */
        .overlay_color = RGB(0, 128, 145),
        .overlay_fill_opacity = 0.25,
        .overlay_stroke_width = 2.0,
        .overlay_marker = {3.5, 5.0, 7.0},
        .overlay_marker_outline = {RGB(255, 255, 255), 1.2, {0, 0}},
        .overlay_label_priority = 88,
        .words =
            {
                .title = "Karabakh after the 2020 ceasefire",
                .subtitle = "Handovers under the 10 November 2020 statement, Russian "
                            "peacekeeping and route options to Nakhchivan, as of "
                            "November 2021",
                .subtitle_dated = "The situation on %s: handovers under the 10 November 2020 "
                                  "statement, Russian peacekeeping, route options to Nakhchivan",
                .crs_label = "Lambert Conformal Conic, standard parallels 39\u00b0N "
                             "and 41\u00b0N, central meridian 46\u00b0E (WGS84)",
                .credits = "Sources: Natural Earth (public domain); GeoNames (CC BY 4.0); gazmap "
                           "data and hand-set lines (CC BY 4.0). Projection: %s. Boundaries and "
                           "lines are approximate and do not imply endorsement.",
                .inset_caption = "Location in the Caucasus",
                .scale_unit = "%g km",
                .scale_note = "scale true at the map centre",
                .north = "N",
                .inset_region = "Caucasus",
                .months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                           "Nov", "Dec"},
                .date = "%d %s %d",
                .legend_head =
                    {
                        [GZ_LEGEND_HANDOVER] = "Returned under the statement of 10 Nov 2020",
                        [GZ_LEGEND_WAR] = "Taken in the war (27 Sep - 9 Nov 2020)",
                        [GZ_LEGEND_PEACEKEEPING] = "Russian peacekeeping",
                        [GZ_LEGEND_LINES] = "Lines of the conflict",
                        [GZ_LEGEND_ROUTES] = "Route options discussed since 11 Jan 2021",
                        [GZ_LEGEND_BASEMAP] = "Base map",
                    },
                .handed = "%s: handed over %s",
                .pending = "%s: not yet handed over",
                .deadline = "deadline %s",
                .deadline_article = "art. %s, deadline %s",
                .map_handed = "handed over %s",
                .map_deadline = "due %s",
                .map_taken = "taken %s",
                .war = {"Taken by Azerbaijan", NULL},
                .pk_zone = {"Deployment area along the line of contact",
                            "art. 3, 4; from Nov 2020"},
                .pk_corridor = {"Lachin corridor (5 km wide)", "art. 6"},
                .patrol = {"Patrol line", NULL},
                .site = {"Turkish-Russian joint monitoring centre", "opened 30 Jan 2021"},
                .route_rail = ", railway",
                .route_rail_word = "railway",
                .route_schematic = "schematic line",
                .border = {"International border", NULL},
                .admin = {"District or province boundary", NULL},
                .river = {"River", NULL},
                .lake = {"Lake or reservoir", NULL},
                .nkao1991 = {"Nagorno-Karabakh Autonomous Oblast, boundary of 1991", "1923-1991"},
                .loc1994 = {"Line of contact 1994 - 27 Sep 2020", "schematic"},
                .loc2020 = {"Line of contact of 10 Nov 2020", "schematic; until Sep 2023"},
                .mainroad = {"Main road (M-, E- and AH-roads)", NULL},
                .gazakh = {"Gazakh village held by the Armenian side (art. 2)",
                           "named in the statement (art. 2); later status unknown"},
                .gazakh_returned = {"Gazakh village held by the Armenian side (art. 2)",
                                    "returned to Azerbaijan in the 2024 delimitation"},
                .legend_added = "Added data",
                .credits_added = " Added data: %s.",
            },
};

int gz_style_is_focus(const gz_style *st, const char *iso) {
  size_t i;
  for (i = 0; st->focus_iso[i]; i++) {
    if (!strcmp(st->focus_iso[i], iso)) {
      return 1;
    }
  }
  return 0;
}

const gz_style *gz_style_default(void) {
  return &style;
}

/* The style in each other language: the one table above with that
 * language's words (words.c), copied once. */
static const char *const other_langs[] = {"az", "tr", "hy", "ru"};
enum { N_OTHER = sizeof other_langs / sizeof other_langs[0] };
static gz_style translated[N_OTHER];
static pthread_once_t translated_once = PTHREAD_ONCE_INIT;

static void translate(void) {
  size_t i;
  for (i = 0; i < N_OTHER; i++) {
    translated[i] = style;
    translated[i].words = *gz_words_for_lang(other_langs[i]);
  }
}

const gz_style *gz_style_for_lang(const char *lang) {
  size_t i;
  for (i = 0; lang && i < N_OTHER; i++) {
    if (!strcmp(lang, other_langs[i])) {
      pthread_once(&translated_once, translate);
      return &translated[i];
    }
  }
  return &style;
}

gz_rgba gz_style_route_color(const gz_style *st, const char *id) {
  size_t i;
  for (i = 0; i < st->n_routes; i++) {
    if (!strcmp(st->routes[i].id, id)) {
      return st->routes[i].color;
    }
  }
  return st->route_fallback;
}

double gz_style_route_offset(const gz_style *st, const char *id) {
  size_t i;
  for (i = 0; i < st->n_routes; i++) {
    if (!strcmp(st->routes[i].id, id)) {
      return st->routes[i].offset;
    }
  }
  return 0;
}
