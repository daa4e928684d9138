/* The --add options of render, find and report (overlay_opts.h). */
#include "overlay_opts.h"

#include "cli.h"

/* The option `id` sets a field of the last --add; NULL (after a usage
 * error) when none came before it. */
static const char **last_field(cli_overlays *ov, const char *cmd, int id) {
  static const char *const names[] = {"--add-title", "--add-attribution", "--add-color",
                                      "--add-label"};
  gazmap_overlay_opts *o;
  if (ov->n == 0) {
    cli_usage(cmd, "%s applies to the --add before it, and there is none",
              names[id - CLI_OV_TITLE]);
    return NULL;
  }
  o = &ov->opts[ov->n - 1];
  switch (id) {
  case CLI_OV_TITLE:
    return &o->title;
  case CLI_OV_ATTRIBUTION:
    return &o->attribution;
  case CLI_OV_COLOR:
    return &o->color;
  default:
    return &o->label_field;
  }
}

int cli_overlays_take(cli_overlays *ov, const char *cmd, int id, const char *arg) {
  static const gazmap_overlay_opts init = GAZMAP_OVERLAY_OPTS_INIT;
  const char **field;
  if (id == CLI_OV_ADD) {
    if (ov->n == CLI_MAX_OVERLAYS) {
      cli_usage(cmd, "at most %d --add files", CLI_MAX_OVERLAYS);
      return -1;
    }
    ov->paths[ov->n] = arg;
    ov->opts[ov->n] = init;
    ov->n++;
    return 1;
  }
  if (id < CLI_OV_TITLE || id > CLI_OV_LABEL) {
    return 0;
  }
  if (!(field = last_field(ov, cmd, id))) {
    return -1;
  }
  *field = arg;
  return 1;
}

int cli_overlays_read(cli_overlays *ov, const char *cmd) {
  size_t i;
  for (i = 0; i < ov->n; i++) {
    if (!ov->read[i] && gazmap_overlay_read(&ov->read[i], ov->paths[i], &ov->opts[i]) < 0) {
      return cli_fail(cmd);
    }
  }
  return 0;
}

void cli_overlays_apply(const cli_overlays *ov, gazmap_render_opts *o) {
  o->overlays = (const gazmap_overlay *const *)ov->read;
  o->n_overlays = ov->n;
}

void cli_overlays_free(cli_overlays *ov) {
  size_t i;
  for (i = 0; i < ov->n; i++) {
    gazmap_overlay_free(ov->read[i]);
    ov->read[i] = NULL;
  }
}

static int take_overlay(void *ud, const char *cmd, int id, const char *arg) {
  return cli_overlays_take(ud, cmd, id, arg);
}

void cli_overlays_parse_into(cli_opt_parser *p, cli_overlays *ov) {
  p->take = take_overlay;
  p->take_ud = ov;
}
