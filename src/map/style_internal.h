/* Private: the one style table of the map.  Every colour, width, dash,
 * font size and layout distance the drawing code uses lives in style.c, in
 * units of a 96-dpi pixel (multiplied by the map's scale factor). */
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
  GZ_TEXT_COUNT_
} gz_text_class;

/* A route option's colour, by route id. */
typedef struct gz_route_style {
  const char *id;
  gz_rgba color;
  double offset; /* sideways shift, px: routes sharing a corridor side by side */
} gz_route_style;

typedef struct gz_style {
  const char *font_family; /* named explicitly: fontconfig's default may lack scripts */
  gz_rgba paper;           /* page background */
  gz_rgba nodata;          /* map area where no country polygon lies */
  gz_rgba land_focus;      /* Armenia and Azerbaijan */
  gz_rgba land_other;      /* neighbours */
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
  gz_rgba site_fill;
  double site_size;
  const gz_route_style *routes;
  size_t n_routes;
  gz_rgba route_fallback;
  double route_width;
  double route_schematic_dash[2];
  double route_schematic_alpha;
  double rail_tick_every, rail_tick_len;
  gz_rgba dot_fill, dot_ring;
  double dot_capital, dot_city, dot_town, dot_village; /* radii */
  gz_rgba highlight;
  double highlight_radius; /* for weight 1; grows with sqrt(weight) */
  gz_text text[GZ_TEXT_COUNT_];
  gz_stroke frame;
  gz_stroke graticule_tick;
  double tick_len;
  gz_stroke inset_frame;
  gz_stroke inset_extent;
  /* Layout, in px at scale 1. */
  double margin, title_band, credits_band, panel_width, panel_gap, tick_label_room;
  double legend_swatch_w, legend_swatch_h, legend_row_gap, legend_indent;
  double label_pad;        /* free space kept around every label */
  double halo_tolerance;   /* curve flattening of halo outlines, px */
  double scale_bar_target; /* preferred scale bar length */
  double inset_height;
  double inset_lonlat[4]; /* the Caucasus as drawn in the inset */
  /* Dates of the situation that have no attribute in the data (YYYYMMDD). */
  const char *statement_date; /* 10 Nov 2020: handovers agreed, war over */
  const char *routes_since;   /* 11 Jan 2021: working group on the routes */
} gz_style;

/* The style of the map (static). */
const gz_style *gz_style_default(void);

/* The colour of route `id`, or the fallback. */
gz_rgba gz_style_route_color(const gz_style *st, const char *id);

/* The sideways offset of route `id` (0 when none). */
double gz_style_route_offset(const gz_style *st, const char *id);

#endif
