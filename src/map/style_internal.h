/* Private: the one style table of the map.  Every colour, width, dash,
 * font size and layout distance the drawing code uses lives in style.c, in
 * units of a 96-dpi pixel (multiplied by the map's scale factor), and so
 * does every word the page shows that is not a label from the data: the
 * title, the legend's sentences, the credits. */
#ifndef GAZMAP_STYLE_INTERNAL_H
#define GAZMAP_STYLE_INTERNAL_H

#include <stddef.h>

typedef struct gz_rgba {
  double r, g, b, a;
} gz_rgba;

typedef struct gz_stroke {
  gz_rgba color;
  double width;
  double dash[2]; /* on, off; {0, 0} = solid */
} gz_stroke;

/* A polygon fill: a tint, optional hatching lines, an outline. */
typedef struct gz_fill {
  gz_rgba tint;
  gz_rgba hatch;        /* alpha 0 = no hatching */
  double hatch_spacing; /* distance between hatch lines */
  double hatch_angle;   /* degrees, counter-clockwise from the x axis */
  double hatch_width;
  gz_stroke outline;
} gz_fill;

typedef struct gz_text {
  double size; /* font size in px */
  int bold, italic, upper;
  double letter_spacing; /* px */
  gz_rgba color, halo;
  double halo_width; /* 0 = no halo */
} gz_text;

/* Text classes, in no particular order. */
typedef enum gz_text_class {
  GZ_TEXT_CAPITAL,
  GZ_TEXT_CITY,
  GZ_TEXT_TOWN,
  GZ_TEXT_VILLAGE,
  GZ_TEXT_COUNTRY,
  GZ_TEXT_REGION,
  GZ_TEXT_WATER,
  GZ_TEXT_PATROL,
  GZ_TEXT_SITE,
  GZ_TEXT_TITLE,
  GZ_TEXT_SUBTITLE,
  GZ_TEXT_CREDITS,
  GZ_TEXT_LEGEND_HEAD,
  GZ_TEXT_LEGEND,
  GZ_TEXT_LEGEND_NOTE,
  GZ_TEXT_TICK,
  GZ_TEXT_SCALE,
  GZ_TEXT_INSET,
  GZ_TEXT_ROAD,           /* a road's designation along it (M2, E117) */
  GZ_TEXT_DISTRICT,       /* a handover district or war area with its date, on the map */
  GZ_TEXT_DISTRICT_SMALL, /* the same where the first does not fit: smaller, or a callout */
  GZ_TEXT_OVERLAY,        /* a feature of the user's own data (--add) */
  GZ_TEXT_COUNT_
} gz_text_class;

/* The legend's sections, in the order they are listed; each layer names the
 * section its rows go in (src/map/layers/). */
typedef enum gz_legend_section {
  GZ_LEGEND_HANDOVER, /* returned under the statement */
  GZ_LEGEND_WAR,      /* taken in the war */
  GZ_LEGEND_PEACEKEEPING,
  GZ_LEGEND_LINES, /* the lines of the conflict: 1991 oblast, lines of contact */
  GZ_LEGEND_ROUTES,
  GZ_LEGEND_BASEMAP,
  GZ_LEGEND_COUNT_
} gz_legend_section;

/* A legend row's words: the text beside the swatch and a smaller note under
 * it (NULL: none). */
typedef struct gz_legend_words {
  const char *text, *note;
} gz_legend_words;

/* The words on the page that do not come from the data.  Entries that are
 * printf formats say which conversions they take; they are fixed strings of
 * this table, never user input. */
typedef struct gz_words {
  const char *title;
  const char *subtitle;
  const char *subtitle_dated; /* format: %s the date the user asked for */
  const char *crs_label;      /* how the credits name the default projection */
  const char *credits;        /* format: %s the projection */
  const char *inset_caption;
  const char *scale_unit; /* format: %g the bar's length in km */
  const char *scale_note;
  const char *north;
  const char *inset_region; /* a region of this name is the inset's, not labelled */
  const char *months[12];   /* legend dates: "20 Nov 2020" (CLDR's "MMM") */
  const char *date;         /* format of a legend date: %d day, %s month, %d year (CLDR's yMMMd) */
  const char *legend_head[GZ_LEGEND_COUNT_];
  const char *handed;           /* format: %s district, %s date */
  const char *pending;          /* format: %s district */
  const char *deadline;         /* format: %s date */
  const char *deadline_article; /* format: %s article, %s date */
  const char *map_handed;       /* a district's label on the map, line 2: %s date */
  const char *map_deadline;     /* ... not yet handed over on the map's date: %s date */
  const char *map_taken;        /* an area taken in the war, line 2: %s date */
  gz_legend_words war, pk_zone, pk_corridor, patrol, site;
  const char *route_rail;      /* appended to a railway's name ... */
  const char *route_rail_word; /* ... unless the name has this word already */
  const char *route_schematic; /* the note of a schematic route */
  gz_legend_words border, admin, river, lake;
  gz_legend_words nkao1991, loc1994, loc2020, mainroad;
  gz_legend_words gazakh, gazakh_returned;
  const char *legend_added;  /* the legend's heading over the user's overlays */
  const char *credits_added; /* appended to the credits: %s the overlays' attributions */
} gz_words;

/* A route option's colour, by route id. */
typedef struct gz_route_style {
  const char *id;
  gz_rgba color;
  double offset; /* sideways shift, px: routes sharing a corridor side by side */
} gz_route_style;

typedef struct gz_style {
  const char *font_family;  /* named explicitly: fontconfig's default may lack scripts */
  gz_rgba paper;            /* page background */
  gz_rgba nodata;           /* map area where no country polygon lies */
  gz_rgba land_focus;       /* the focus countries below */
  const char *focus_iso[3]; /* iso_a2 of the focus countries; NULL-terminated */
  gz_rgba land_other;       /* neighbours */
  gz_stroke country_border;
  gz_stroke admin_border;
  gz_rgba water;
  gz_stroke river;
  gz_stroke lake_outline;
  gz_fill handed;  /* handed over by the map's date */
  gz_fill pending; /* due under the statement, not yet handed over */
  gz_fill war;     /* taken during the 2020 war */
  gz_fill pk_zone;
  gz_fill pk_corridor;
  gz_stroke patrol;
  gz_stroke nkao1991;       /* the 1991 oblast boundary */
  gz_stroke loc1994;        /* the line of contact 1994-2020 */
  gz_stroke loc2020;        /* the line of contact of 10 Nov 2020 */
  gz_stroke mainroad;       /* M-, E- and AH-roads, under the thematic layers */
  gz_rgba gazakh_fill;      /* a Gazakh village of art. 2, later status unknown */
  gz_stroke gazakh_outline; /* its square; a returned village is filled with its colour */
  double gazakh_size;
  gz_rgba site_fill;
  gz_stroke site_outline;
  double site_size;
  const gz_route_style *routes;
  size_t n_routes;
  gz_rgba route_fallback;
  double route_width;
  double route_schematic_dash[2];
  double route_schematic_alpha;
  double rail_tick_every, rail_tick_len;
  gz_rgba rail_dash;      /* the dashes inside a railway's line */
  double rail_dash_width; /* of the route's width */
  gz_rgba dot_fill, dot_ring;
  double dot_capital, dot_city, dot_town, dot_village; /* radii */
  gz_rgba highlight;
  double highlight_radius; /* for weight 1; grows with sqrt(weight) */
  double highlight_width;
  gz_text text[GZ_TEXT_COUNT_];
  gz_stroke frame;
  gz_stroke graticule_tick;
  double tick_len;
  gz_stroke inset_frame;
  gz_stroke inset_extent;
  double inset_border_width;       /* the locator's country borders (colour: country_border) */
  gz_rgba scale_dark, scale_light; /* alternate segments of the scale bar */
  gz_stroke scale_outline;
  double scale_bar_height;
  gz_rgba north_fill;
  gz_stroke north_outline;
  double north_size;
  /* Layout, in px at scale 1. */
  double margin, title_band, credits_band, panel_width, panel_gap, tick_label_room;
  /* The credits wrap onto at most this many lines (the band grows by the
   * lines past the first); what is left over ends in an ellipsis. */
  int credits_max_lines;
  /* Title and subtitle wrap onto at most this many lines each (the title
   * band grows by the lines past the first) before ending in an ellipsis. */
  int title_max_lines;
  double legend_swatch_w, legend_swatch_h, legend_row_gap, legend_indent;
  int legend_section_gap[GZ_LEGEND_COUNT_]; /* a row gap above the section's heading */
  double label_pad;                         /* free space kept around every label */
  double label_fit_cell;   /* cell of the raster where area labels are fitted, px */
  double label_cover_max;  /* a country's, a lake's or a district's label box may lie over
                              thematic areas it does not name for at most this share of it */
  gz_stroke callout;       /* the leader line from a callout label to its district */
  double callout_dot;      /* radius of the dot at the leader's end, in the district */
  double callout_reach;    /* a callout label lies at most this far from its dot */
  double halo_tolerance;   /* curve flattening of halo outlines, px */
  double scale_bar_target; /* preferred scale bar length */
  double inset_height;
  double inset_lonlat[4]; /* the Caucasus as drawn in the inset */
  /* Dates of the situation that have no attribute in the data (YYYYMMDD). */
  const char *statement_date;    /* 10 Nov 2020: handovers agreed, war over */
  const char *routes_since;      /* 11 Jan 2021: working group on the routes */
  const char *delimitation_date; /* 24 May 2024: border guards in the returned Gazakh villages */
  /* How many labels the frame takes (places.c). */
  double place_label_room;  /* at most one point label per square this wide, px */
  double village_km_per_px; /* villages are labelled at this scale or larger */
  double region_reach;      /* a region without an outline: its label within this of its point */
  /* The user's overlays (--add), where a feature names no simplestyle
   * property of its own. */
  gz_rgba overlay_color;       /* marker, stroke and fill */
  double overlay_fill_opacity; /* of polygons */
  double overlay_stroke_width; /* of lines and polygon outlines */
  double overlay_marker[3];    /* marker radius: small, medium (the default), large */
  gz_stroke overlay_marker_outline;
  double overlay_label_priority; /* of point labels; lines and areas 20 less */
  gz_words words;
} gz_style;

/* The style of the map (static). */
const gz_style *gz_style_default(void);

/* The style with the page's words in language `lang` (en az tr hy ru; NULL,
 * "en" or another: the default style itself).  Static; made once,
 * thread-safe. */
const gz_style *gz_style_for_lang(const char *lang);

/* The words table of `lang` other than English (words.c), or NULL. */
const gz_words *gz_words_for_lang(const char *lang);

/* 1 when iso_a2 code `iso` is one of the focus countries. */
int gz_style_is_focus(const gz_style *st, const char *iso);

/* The colour of route `id`, or the fallback. */
gz_rgba gz_style_route_color(const gz_style *st, const char *id);

/* The sideways offset of route `id` (0 when none). */
double gz_style_route_offset(const gz_style *st, const char *id);

#endif
